using System.Security.Cryptography;
using SecureCall.FaceAnalysis;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Verification;

namespace SecureCall.Grains.Identity;

/// <summary>Face enrolment: the template is only ever stored sealed, and only unsealed here to compare.</summary>
public sealed partial class UserGrain
{
    public const int TemplateDimensions = FaceTemplate.Dimensions;

    /// <summary>
    /// The token <see cref="EnrollFaceFromFramesAsync"/> needs: a signature login of this user for a first enrolment;
    /// replacing an enrolled face needs more (<see cref="FaceReplacementRule"/>).
    /// </summary>
    private static readonly string[] EnrolmentAmr = [ClaimNames.Signature];

    /// <summary>The token <see cref="EnrollSessionFaceAsync"/> needs: the passing session's own, signature and liveness.</summary>
    private static readonly string[] SessionEnrolmentAmr = [ClaimNames.Signature, ClaimNames.Liveness];

    public async Task<FaceEnrolment> EnrollFaceFromFramesAsync(IdentityProof proof, IReadOnlyList<byte[]> frames)
    {
        var checkedProof = await IdentityProofCheck.CheckAsync(tokenValidator, proof, UserId, EnrolmentAmr, "Enrolling a face");
        // The grain is not reentrant: the template checked here is still the one replaced after the frames are analysed.
        var replacing = state.State.FaceTemplate is not null;
        if (replacing)
        {
            await EnsureReplacementAllowedAsync(checkedProof);
        }
        var (template, used) = await TemplateFromFramesAsync(frames);
        try
        {
            await StoreFaceAsync(template,
                $"{(replacing ? "replacement" : "first enrolment")} from {used} of {frames.Count} frames, proof: {checkedProof.Describe(time.GetUtcNow())}");
        }
        finally
        {
            Array.Clear(template);
        }
        return new FaceEnrolment(used, frames.Count);
    }

    public async Task<bool> EnrollSessionFaceAsync(IdentityProof proof, SealedFace face)
    {
        var checkedProof = await IdentityProofCheck.CheckAsync(tokenValidator, proof, UserId, SessionEnrolmentAmr, "Enrolling a session's face");
        var template = OpenSealed(face);
        try
        {
            if (state.State.FaceTemplate is not null)
            {
                return false;
            }
            await StoreFaceAsync(template, $"first enrolment from a verification session, proof: {checkedProof.Describe(time.GetUtcNow())}");
            return true;
        }
        finally
        {
            Array.Clear(template);
        }
    }

    public Task<bool> HasFaceAsync() => Task.FromResult(state.State.FaceTemplate is not null);

    public async Task<FaceMatch?> MatchSealedFaceAsync(SealedFace face)
    {
        var probe = OpenSealed(face);
        try
        {
            return await MatchFaceAsync(probe);
        }
        finally
        {
            Array.Clear(probe);
        }
    }

    public async Task<FaceMatch?> MatchFaceFramesAsync(IReadOnlyList<byte[]> frames)
    {
        var (probe, _) = await TemplateFromFramesAsync(frames);
        return await MatchFaceAsync(probe);
    }

    /// <summary>Refuses (and audits) a replacement whose proof is not a recent face unlock against the current template.</summary>
    private async Task EnsureReplacementAllowedAsync(CheckedProof proof)
    {
        try
        {
            FaceReplacementRule.Ensure(proof, state.State.FaceTemplateId, time.GetUtcNow(), faceOptions.Value.FaceReplacementMaxAge);
        }
        catch (SecureCallException)
        {
            await audit.AppendAsync(new AuditEvent(AuditEventType.FaceEnrolmentRefused, UserId, AuditSource.Current,
                $"replacement refused, proof: {proof.Describe(time.GetUtcNow())}"));
            throw;
        }
    }

    private async Task StoreFaceAsync(float[] template, string detail)
    {
        EnsureTemplate(template);
        if (!state.RecordExists)
        {
            throw new SecureCallException(FailureCode.UserNotFound, "No such user.");
        }
        state.State.FaceTemplate = templates.Protect(UserId, template);
        state.State.FaceTemplateId = NewTemplateId();
        await state.WriteStateAsync();
        await audit.AppendAsync(new AuditEvent(AuditEventType.FaceEnrolled, UserId, AuditSource.Current,
            $"template sealed with {state.State.FaceTemplate.KeyId}, {detail}"));
    }

    private async Task<FaceMatch?> MatchFaceAsync(float[] probe)
    {
        EnsureTemplate(probe);
        if (state.State.FaceTemplate is not { } sealedTemplate)
        {
            return null;
        }
        if (state.State.FaceTemplateId is null)
        {
            // Enrolled before templates had ids: named now, so face unlocks from here on can replace it.
            state.State.FaceTemplateId = NewTemplateId();
            await state.WriteStateAsync();
        }
        var enrolled = templates.Unprotect(UserId, sealedTemplate);
        try
        {
            var similarity = EmbeddingSimilarity.Compute(enrolled, probe);
            var threshold = faceOptions.Value.MatchThreshold;
            var match = new FaceMatch(similarity >= threshold, Math.Round(similarity, 4), threshold, state.State.FaceTemplateId);
            await audit.AppendAsync(new AuditEvent(match.Match ? AuditEventType.FaceMatched : AuditEventType.FaceMismatched, UserId,
                AuditSource.Current, $"similarity {similarity:0.000} (threshold {threshold:0.00})"));
            return match;
        }
        finally
        {
            Array.Clear(enrolled);
        }
    }

    /// <summary>Opens a face sealed by a silo-side grain for this user; anything else (forged, altered, another user's) is refused.</summary>
    private float[] OpenSealed(SealedFace face)
    {
        try
        {
            return templates.Open(UserId, face ?? throw new CryptographicException("no sealed face"));
        }
        catch (CryptographicException)
        {
            throw new SecureCallException(FailureCode.InvalidInput, "The face was not sealed for this user by the silo.");
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

    /// <summary>Embeds every frame in parallel on the inference workers and averages the good ones.</summary>
    private async Task<(float[] Template, int Used)> TemplateFromFramesAsync(IReadOnlyList<byte[]> frames)
    {
        var maxFrames = faceOptions.Value.MaxFramesPerFaceCheck;
        if (frames is not { Count: > 0 } || frames.Count > maxFrames)
        {
            throw new SecureCallException(FailureCode.InvalidInput, $"frames must hold 1 to {maxFrames} base64 images.");
        }
        var worker = GrainFactory.GetGrain<IFaceInferenceGrain>(0);
        var results = await Task.WhenAll(frames.Select((bytes, i) => worker.AnalyzeAsync(new FaceInferenceRequest(bytes, i, false, WantEmbedding: true, null))));
        var embeddings = results.Where(r => r.Status == FaceInferenceStatus.Face && r.Analysis?.Embedding is { Count: > 0 })
            .Select(r => r.Analysis!.Embedding!).ToList();
        if (embeddings.Count == 0)
        {
            throw new SecureCallException(FailureCode.InvalidInput, "No frame showed a usable face; face the camera in good light.");
        }
        return (FaceTemplate.Robust(embeddings), embeddings.Count);
    }

    private static string NewTemplateId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    private static void EnsureTemplate(float[] template)
    {
        if (template is not { Length: TemplateDimensions } || template.Any(v => !float.IsFinite(v)))
        {
            throw new SecureCallException(FailureCode.InvalidInput, $"A face template has {TemplateDimensions} finite values.");
        }
    }
}
