using Orleans.Concurrency;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security.Tokens;

namespace SecureCall.Grains.Identity;

/// <summary>Answers from the local silo's key ring; every silo shares the key directory, so any activation will do.</summary>
[StatelessWorker, Reentrant]
public sealed class TokenKeysGrain(SigningKeyRing keys) : Grain, ITokenKeysGrain
{
    public Task<IReadOnlyList<TokenPublicKey>> GetPublicKeysAsync() => Task.FromResult<IReadOnlyList<TokenPublicKey>>(
        keys.All.Select(key => new TokenPublicKey(key.KeyId, key.Rsa.ExportSubjectPublicKeyInfo())).ToList());
}
