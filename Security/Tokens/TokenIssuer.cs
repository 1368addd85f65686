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

    public IssuedToken Issue(string subject, IReadOnlyList<string> amr, IReadOnlyDictionary<string, object>? extraClaims = null)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
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
            Expires = (now + o.Lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = keys.Credentials,
        };
        return new IssuedToken(_handler.CreateToken(descriptor), jti, (int)o.Lifetime.TotalSeconds);
    }
}
