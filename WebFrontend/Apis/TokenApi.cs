using System.Buffers.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Security.Tokens;
using SecureCall.WebFrontend.Contracts;
using SecureCall.WebFrontend.Hosting;

namespace SecureCall.WebFrontend.Apis;

/// <summary>Published signing keys and the seed-compatible token validation endpoint.</summary>
public static class TokenApi
{
    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/jwks.json", GetJwks).WithTags("Tokens").WithSummary("Public keys that sign tokens (JWKS).");
        app.MapPost("/token/validate", ValidateAsync)
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithTags("Tokens")
            .WithSummary("Validate a token (seed contract): RS256 only, known kid, issuer, audience, lifetime.");
        return app;
    }

    private static Ok<JsonWebKeySetView> GetJwks(ITokenValidationKeys keys) => TypedResults.Ok(new JsonWebKeySetView(
        keys.All.Select(key =>
        {
            var parameters = key.Rsa.ExportParameters(false);
            return new JsonWebKeyView("RSA", "sig", "RS256", key.KeyId, Base64Url.EncodeToString(parameters.Modulus), Base64Url.EncodeToString(parameters.Exponent));
        }).ToList()));

    private static async Task<Ok<ValidateTokenResponse>> ValidateAsync(ValidateTokenRequest request, TokenValidator validator, IGrainFactory grains)
    {
        var result = await validator.ValidateAsync(request.Token ?? "");
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            var reason = Reason(result.Exception);
            await grains.GetGrain<IAuditGrain>(0).AppendAsync(new AuditEvent(AuditEventType.TokenInvalid, "token", AuditSource.Current, reason));
            return TypedResults.Ok(new ValidateTokenResponse(false, null, reason));
        }
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.EncodedPayload));
        return TypedResults.Ok(new ValidateTokenResponse(true, payload.RootElement.Clone(), null));
    }

    // Short, fixed reasons: enough to debug a client, nothing about keys or internals.
    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not yet valid",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidAlgorithmException => "algorithm not allowed",
        SecurityTokenSignatureKeyNotFoundException => "unknown signing key",
        SecurityTokenInvalidSignatureException => "invalid signature",
        SecurityTokenMalformedException or ArgumentException => "malformed",
        _ => "invalid",
    };
}
