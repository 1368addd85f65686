using Microsoft.IdentityModel.Tokens;

namespace SecureCall.Security.Tokens;

/// <summary>
/// The keys that validate tokens: on a silo the signing key ring itself, on a cluster frontend the public keys it
/// fetched from the silos (it holds no private key).
/// </summary>
public interface ITokenValidationKeys
{
    /// <summary>Finds a validation key by kid.</summary>
    bool TryGet(string kid, out RsaSecurityKey key);

    /// <summary>Every key that validates tokens (published as JWKS).</summary>
    IReadOnlyCollection<RsaSecurityKey> All { get; }
}
