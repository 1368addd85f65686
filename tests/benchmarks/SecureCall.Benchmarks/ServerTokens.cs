using Microsoft.Extensions.Logging.Abstractions;
using SecureCall.Options;
using SecureCall.Security;
using SecureCall.Security.Tokens;

namespace SecureCall.Benchmarks;

/// <summary>
/// Mints tokens with the started server's own signing keys, so a load run measures what it names (call signaling,
/// frame analysis) instead of repeating logins and proof-of-life sessions that other runs measure.
/// </summary>
public static class ServerTokens
{
    public static TokenIssuer IssuerFor(string dataDirectory)
    {
        var storage = Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = dataDirectory });
        var tokens = Microsoft.Extensions.Options.Options.Create(new TokenOptions { GenerateKeyIfMissing = false });
        return new TokenIssuer(new SigningKeyRing(tokens, storage, NullLogger<SigningKeyRing>.Instance), tokens, SecurityClock.System);
    }

    /// <summary>An issuer with the keys of a cluster's shared token key directory.</summary>
    public static TokenIssuer IssuerForKeyDirectory(string keyDirectory)
    {
        var storage = Microsoft.Extensions.Options.Options.Create(new StorageOptions());
        var tokens = Microsoft.Extensions.Options.Options.Create(new TokenOptions { KeyDirectory = keyDirectory, GenerateKeyIfMissing = false });
        return new TokenIssuer(new SigningKeyRing(tokens, storage, NullLogger<SigningKeyRing>.Instance), tokens, SecurityClock.System);
    }
}
