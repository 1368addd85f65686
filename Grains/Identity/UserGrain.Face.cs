using SecureCall.FaceAnalysis;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;

namespace SecureCall.Grains.Identity;

/// <summary>Face enrolment: the template is only ever stored sealed, and only unsealed here to compare.</summary>
public sealed partial class UserGrain
{
    public const int TemplateDimensions = 1024;

    public async Task EnrollFaceAsync(float[] template)
    {
        EnsureTemplate(template);
        if (!state.RecordExists)
        {
            throw new SecureCallException(FailureCode.UserNotFound, "No such user.");
        }
        state.State.FaceTemplate = templates.Protect(UserId, template);
        await state.WriteStateAsync();
        await audit.AppendAsync(new AuditEvent(AuditEventType.FaceEnrolled, UserId, AuditSource.Current, $"template sealed with {state.State.FaceTemplate.KeyId}"));
    }

    public async Task<FaceMatch?> MatchFaceAsync(float[] probe)
    {
        EnsureTemplate(probe);
        if (state.State.FaceTemplate is not { } sealedTemplate)
        {
            return null;
        }
        var enrolled = templates.Unprotect(UserId, sealedTemplate);
        try
        {
            var similarity = EmbeddingSimilarity.Compute(enrolled, probe);
            var threshold = faceOptions.Value.MatchThreshold;
            var match = new FaceMatch(similarity >= threshold, Math.Round(similarity, 4), threshold);
            await audit.AppendAsync(new AuditEvent(match.Match ? AuditEventType.FaceMatched : AuditEventType.FaceMismatched, UserId,
                AuditSource.Current, $"similarity {similarity:0.000} (threshold {threshold:0.00})"));
            return match;
        }
        finally
        {
            Array.Clear(enrolled);
        }
    }

    public async Task<bool> RewrapFaceTemplateAsync()
    {
        if (state.State.FaceTemplate is not { } sealedTemplate || sealedTemplate.KeyId == templates.ActiveKeyId)
        {
            return false;
        }
        state.State.FaceTemplate = templates.Rewrap(UserId, sealedTemplate);
        await state.WriteStateAsync();
        await audit.AppendAsync(new AuditEvent(AuditEventType.FaceTemplateRewrapped, UserId, AuditSource.Current,
            $"template re-sealed from {sealedTemplate.KeyId} to {state.State.FaceTemplate.KeyId}"));
        return true;
    }

    private static void EnsureTemplate(float[] template)
    {
        if (template is not { Length: TemplateDimensions } || template.Any(v => !float.IsFinite(v)))
        {
            throw new SecureCallException(FailureCode.InvalidInput, $"A face template has {TemplateDimensions} finite values.");
        }
    }
}
