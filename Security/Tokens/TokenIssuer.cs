using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Options;

namespace SecureCall.Security.Tokens;

/// <summary>Issues RS256 access tokens (<c>sub</c>, <c>jti</c>, <c>amr</c>, <c>iat</c>, <c>exp</c>, <c>iss</c>, <c>aud</c>, <c>kid</c>).</summary>
public sealed class TokenIssuer(SigningKeyRing keys, IOptions<TokenOptions> options, SecurityClock time)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>
    /// Issues a token for the configured lifetime, or until <paramref name="notAfter"/> if that is sooner: a redeemed
    /// liveness grant passes its original expiry, which a reissued token may never outlive.
    /// </summary>
    public IssuedToken Issue(string subject, IReadOnlyList<string> amr, IReadOnlyDictionary<string, object>? extraClaims = null, DateTimeOffset? notAfter = null)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var expires = now + o.Lifetime;
        if (notAfter is { } limit && limit < expires)
        {
            // JWT times are whole seconds: round down, so the new exp is never later than the limit.
            expires = DateTimeOffset.FromUnixTimeSeconds(limit.ToUnixTimeSeconds());
        }
        if (expires <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(notAfter), "A token cannot be issued already expired.");
        }
        var jti = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [ClaimNames.Subject] = subject,
            [JwtRegisteredClaimNames.Jti] = jti,
            [ClaimNames.AuthenticationMethods] = amr.ToArray(),
        };
        if (extraClaims is not null)
        {
            foreach (var (name, value) in extraClaims)
            {
                claims[name] = value;
            }
        }
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = o.Issuer,
            Audience = o.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = keys.Credentials,
        };
        return new IssuedToken(_handler.CreateToken(descriptor), jti, (int)(expires - now).TotalSeconds);
    }
}
