using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security;
using SecureCall.WebFrontend.Contracts;
using SecureCall.WebFrontend.Hosting;

namespace SecureCall.WebFrontend.Apis;

/// <summary>
/// Endpoints for the administrators bound to a key in <see cref="AdminOptions.Keys"/> (token from a signature login of
/// that user, whose current signing key has that fingerprint); everyone else gets 403 <see cref="FailureCode.NotAnAdministrator"/>.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/audit/verify", VerifyAuditAsync)
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithTags("Admin")
            .WithSummary("Check the audit chain against its signed checkpoints: intact, or the first edited, deleted or cut-off record (administrators only).");
        return app;
    }

    private static async Task<Ok<AuditVerifyResponse>> VerifyAuditAsync(
        ClaimsPrincipal user, IOptions<AdminOptions> options, IGrainFactory grains, SecurityClock time)
    {
        var userId = await EnsureAdministratorAsync(user, options.Value, grains);
        var result = await grains.GetGrain<IAuditGrain>(0).VerifyAsync(userId);
        return TypedResults.Ok(new AuditVerifyResponse(
            result.IsIntact, result.Finding.ToString(), result.RecordsChecked, result.FirstBadSequence, result.Reason,
            result.LastSequence, result.HeadCheckpointSequence, result.HeadCheckpointAt, time.GetUtcNow()));
    }

    private static async Task<string> EnsureAdministratorAsync(ClaimsPrincipal user, AdminOptions options, IGrainFactory grains)
    {
        const string NotAnAdministrator = "This endpoint is for administrators (SecureCall:Admin:Keys).";
        var userId = user.Subject();
        if (userId is null || options.FingerprintOf(userId) is not { } fingerprint)
        {
            throw new SecureCallException(FailureCode.NotAnAdministrator, NotAnAdministrator);
        }
        if (!user.HasMethod(ClaimNames.Signature))
        {
            throw new SecureCallException(FailureCode.InsufficientAssurance, "Administration needs a token from a signature login (amr sig).");
        }
        // The role belongs to the key, not to the name: someone who registered a vacant administrator id holds another key.
        var keys = await grains.GetGrain<IUserGrain>(userId).GetKeysAsync();
        if (!string.Equals(keys?.SigningKey.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            throw new SecureCallException(FailureCode.NotAnAdministrator, NotAnAdministrator);
        }
        return userId;
    }
}
