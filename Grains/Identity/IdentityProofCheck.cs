using Microsoft.IdentityModel.JsonWebTokens;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security.Tokens;

namespace SecureCall.Grains.Identity;

/// <summary>
/// Re-checks, inside the silo, the token the HTTP layer accepted before a grain changes a user's security state:
/// valid signature and lifetime (<see cref="TokenValidator"/>: RS256, known kid, issuer, audience, the security
/// clock), <c>sub</c> equal to the user concerned, and every <c>amr</c> the operation needs.
/// </summary>
public static class IdentityProofCheck
{
    /// <summary>The proof's token id (<c>jti</c>) when it holds; otherwise <see cref="FailureCode.InsufficientAssurance"/>.</summary>
    public static async Task<string> RequireAsync(TokenValidator validator, IdentityProof? proof, string userId, IReadOnlyList<string> requiredAmr, string what) =>
        (await CheckAsync(validator, proof, userId, requiredAmr, what)).Jti;

    /// <summary>As <see cref="RequireAsync"/>, and what the token showed (amr, issue time, face template) for rules and the audit log.</summary>
    public static async Task<CheckedProof> CheckAsync(TokenValidator validator, IdentityProof? proof, string userId, IReadOnlyList<string> requiredAmr, string what)
    {
        if (proof?.Token is not { Length: > 0 } token)
        {
            throw Refused(what, "no token was passed along");
        }
        var validation = await validator.ValidateAsync(token);
        if (!validation.IsValid || validation.SecurityToken is not JsonWebToken jwt)
        {
            throw Refused(what, "the token is not valid (signature, issuer, audience or lifetime)");
        }
        if (!string.Equals(jwt.Subject, userId, StringComparison.Ordinal))
        {
            throw Refused(what, "the token belongs to another user");
        }
        var methods = jwt.TryGetPayloadValue<string[]>(ClaimNames.AuthenticationMethods, out var amr) ? amr : [];
        if (requiredAmr.FirstOrDefault(m => !methods.Contains(m, StringComparer.Ordinal)) is { } missing)
        {
            throw Refused(what, $"the token lacks amr {missing}");
        }
        var faceTemplate = jwt.TryGetPayloadValue<string>(ClaimNames.FaceTemplate, out var template) ? template : null;
        return new CheckedProof(jwt.Id, methods, new DateTimeOffset(DateTime.SpecifyKind(jwt.IssuedAt, DateTimeKind.Utc)), faceTemplate);
    }

    private static SecureCallException Refused(string what, string why) =>
        new(FailureCode.InsufficientAssurance, $"{what} needs this user's valid token with the required authentication methods: {why}.");
}
