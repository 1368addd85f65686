namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>
/// The public halves of the silos' token signing keys, so that web frontends validate tokens without holding any
/// private key: a frontend that is broken into cannot mint tokens.
/// </summary>
[Alias("securecall.token-keys")]
public interface ITokenKeysGrain : IGrainWithIntegerKey
{
    [Alias("get-public-keys")]
    Task<IReadOnlyList<TokenPublicKey>> GetPublicKeysAsync();
}
