using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Options;
using SecureCall.Security;
using SecureCall.WebFrontend.Contracts;
using SecureCall.WebFrontend.Hosting;
using SecureCall.WebFrontend.Hubs;

namespace SecureCall.WebFrontend.Apis;

/// <summary>Starting and reading proof-of-life sessions (seed contract <c>POST /auth/verify</c>).</summary>
public static class VerificationApi
{
    public static IEndpointRouteBuilder MapVerificationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/verify", StartAsync)
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Signature)
            .WithTags("Verification")
            .WithSummary("Start a proof-of-life session for the signed-in user (token with amr sig).");
        app.MapGet("/auth/verify/{sessionId}", GetAsync)
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithTags("Verification")
            .WithSummary("A verification session's status (owner only).");
        app.MapDelete("/auth/verify/{sessionId}", CancelAsync)
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithTags("Verification")
            .WithSummary("Cancel an open verification session (owner only): it ends as Terminated, with no token.");
        return app;
    }

    private static async Task<Ok<StartVerificationResponse>> StartAsync(
        StartVerificationRequest request, ClaimsPrincipal user, IGrainFactory grains, HttpContext context,
        SecurityClock time, IOptions<VerificationOptions> options, IOptions<ApiOptions> api)
    {
        UserIds.EnsureValid(request.UserId);
        if (user.Subject() != request.UserId)
        {
            throw new SecureCallException(FailureCode.InsufficientAssurance, "The token's subject must be the user being verified.");
        }
        if (!user.HasMethod(ClaimNames.Signature))
        {
            throw new SecureCallException(FailureCode.InsufficientAssurance, "Proof of life needs a token from a signature login (amr sig).");
        }
        var sessionId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        var deadline = time.GetUtcNow() + options.Value.SessionLifetime;
        if (!await grains.GetGrain<IUserLimitsGrain>(request.UserId).TryStartVerificationAsync(sessionId, deadline))
        {
            await grains.GetGrain<IAuditGrain>(0).AppendAsync(new AuditEvent(AuditEventType.RateLimited, request.UserId, ClientAddress.Of(context), "verification sessions per user"));
            throw new SecureCallException(FailureCode.RateLimited,
                $"At most {options.Value.MaxOpenSessionsPerUser} open sessions and {options.Value.SessionsPerMinutePerUser} new ones per minute; finish or wait.");
        }
        var status = await grains.GetGrain<IVerificationSessionGrain>(sessionId).StartAsync(request.UserId, await AccessTokenProof.OfAsync(context), request.EnrollFace);
        // Built from configuration, never from the Host header (a client could point the URLs anywhere).
        return TypedResults.Ok(new StartVerificationResponse(sessionId, api.Value.PublicUrl($"/ws/verify/{sessionId}", webSocket: true),
            api.Value.PublicUrl(VerifyHub.Path), status));
    }

    private static async Task<Ok<VerificationStatus>> GetAsync(string sessionId, ClaimsPrincipal user, IGrainFactory grains)
    {
        EnsureSessionId(sessionId);
        return TypedResults.Ok(await grains.GetGrain<IVerificationSessionGrain>(sessionId).GetAsync(user.Subject()!));
    }

    private static async Task<Ok<VerificationStatus>> CancelAsync(string sessionId, ClaimsPrincipal user, IGrainFactory grains)
    {
        EnsureSessionId(sessionId);
        return TypedResults.Ok(await grains.GetGrain<IVerificationSessionGrain>(sessionId).CancelAsync(user.Subject()!));
    }

    private static void EnsureSessionId(string sessionId)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > 64)
        {
            throw new SecureCallException(FailureCode.InvalidInput, "sessionId is malformed.");
        }
    }
}
