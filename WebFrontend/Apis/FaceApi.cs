using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Options;
using SecureCall.WebFrontend.Contracts;
using SecureCall.WebFrontend.Hosting;

namespace SecureCall.WebFrontend.Apis;

/// <summary>
/// Face enrolment and the stand-alone face check (seeds SecureSession and FHE face recognition); frames are never
/// persisted. The face check compares still frames with the enrolled template: it is NOT proof of life (a photo of the
/// user matches too) and grants nothing; proof of life is a verification session (<c>POST /auth/verify</c>).
/// </summary>
public static class FaceApi
{
    /// <summary>Eight frames of 512 KiB in base64 plus JSON.</summary>
    public const long MaxBurstBytes = 6 * 1024 * 1024;

    public static IEndpointRouteBuilder MapFaceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Face").RequireAuthorization().RequireRateLimiting(RateLimitPolicies.Password)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBurstBytes));
        api.MapPost("/setup-face", EnrollAsync).WithSummary("Enrol the signed-in user's face from a burst of frames (token with amr sig); replacing an enrolled face needs a "
            + "face unlock against it (amr sig live face) at most FaceReplacementMaxAge old. Stored only encrypted.");
        api.MapPost("/face-verify", VerifyAsync).WithSummary(
            "Compare a burst of frames with the enrolled face (token with amr sig; limited per user): match or no match only. Not proof of life.");
        return app;
    }

    private static async Task<Created<FaceEnrolmentResponse>> EnrollAsync(
        FaceFramesRequest request, ClaimsPrincipal user, IGrainFactory grains, HttpContext context, IOptions<VerificationOptions> options)
    {
        EnsureSignatureLogin(user, "Enrolling a face");
        var frames = Decode(request, options.Value.MaxFramesPerFaceCheck);
        // The user grain checks the token again (signature, lifetime, sub, amr sig): the user id alone changes nothing.
        var enrolment = await grains.GetGrain<IUserGrain>(user.Subject()!).EnrollFaceFromFramesAsync(await AccessTokenProof.OfAsync(context), frames);
        return TypedResults.Created("/api/auth/profile", new FaceEnrolmentResponse(enrolment.FramesUsed, enrolment.FramesSubmitted));
    }

    private static async Task<Ok<FaceVerifyResponse>> VerifyAsync(
        FaceFramesRequest request, ClaimsPrincipal user, IGrainFactory grains, HttpContext context, IOptions<VerificationOptions> options)
    {
        EnsureSignatureLogin(user, "A face check");
        var userId = user.Subject()!;
        // Counted before any frame is decoded or analysed, so a refused check costs no inference.
        if (!await grains.GetGrain<IUserLimitsGrain>(userId).TryFaceCheckAsync())
        {
            await grains.GetGrain<IAuditGrain>(0).AppendAsync(new AuditEvent(AuditEventType.RateLimited, userId, ClientAddress.Of(context), "face checks per user"));
            throw new SecureCallException(FailureCode.RateLimited,
                $"At most {options.Value.FaceChecksPerMinutePerUser} face checks per minute; wait a minute.");
        }
        var frames = Decode(request, options.Value.MaxFramesPerFaceCheck);
        var match = await grains.GetGrain<IUserGrain>(userId).MatchFaceFramesAsync(frames)
            ?? throw new SecureCallException(FailureCode.UserNotFound, "No face is enrolled for this user.");
        // Match or no match only: the similarity stays in the audit log.
        return TypedResults.Ok(new FaceVerifyResponse(match.Match));
    }

    private static void EnsureSignatureLogin(ClaimsPrincipal user, string what)
    {
        if (!user.HasMethod(ClaimNames.Signature))
        {
            throw new SecureCallException(FailureCode.InsufficientAssurance, $"{what} needs a token from a signature login (amr sig).");
        }
    }

    /// <summary>The burst's images as bytes; the user's grain has them analysed and builds the template.</summary>
    private static List<byte[]> Decode(FaceFramesRequest request, int maxFrames)
    {
        if (request.Frames is not { Count: > 0 } frames || frames.Count > maxFrames)
        {
            throw new SecureCallException(FailureCode.InvalidInput, $"frames must hold 1 to {maxFrames} base64 images.");
        }
        return frames.Select((frame, i) =>
        {
            try
            {
                return Convert.FromBase64String(frame ?? "");
            }
            catch (FormatException)
            {
                throw new SecureCallException(FailureCode.InvalidInput, $"frames[{i}] is not base64.");
            }
        }).ToList();
    }
}
