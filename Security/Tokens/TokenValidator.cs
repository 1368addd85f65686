using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Options;

namespace SecureCall.Security.Tokens;

/// <summary>
/// Validates tokens strictly: RS256 only (so <c>none</c> and HS* fail), a known kid (no trying every key), the
/// configured issuer and audience, and <c>exp</c>/<c>nbf</c> against the injected clock.
/// </summary>
public sealed class TokenValidator(ITokenValidationKeys keys, IOptions<TokenOptions> options, SecurityClock time)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public TokenValidationParameters Parameters => new()
    {
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        ValidIssuer = options.Value.Issuer,
        ValidAudience = options.Value.Audience,
        IssuerSigningKeyResolver = (_, _, kid, _) => kid is not null && keys.TryGet(kid, out var key) ? [key] : [],
        TryAllIssuerSigningKeys = false,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        LifetimeValidator = ValidateLifetime,
        ClockSkew = options.Value.ClockSkew,
        NameClaimType = ClaimNames.Subject,
    };

    public async Task<TokenValidationResult> ValidateAsync(string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 8192)
        {
            return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenMalformedException("Token is empty or too long.") };
        }
        return await _handler.ValidateTokenAsync(token, Parameters).ConfigureAwait(false);
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("Token has no expiry.");
        }
        if (notBefore is { } nbf && nbf > now + parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException($"Token is not valid before {nbf:O}.") { NotBefore = nbf };
        }
        if (expires.Value < now - parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException($"Token expired at {expires:O}.") { Expires = expires.Value };
        }
        return true;
    }
}
