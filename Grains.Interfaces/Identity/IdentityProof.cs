namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>
/// What the HTTP layer checked before it asked a grain to change a user's security state: the caller's access token,
/// passed along unchanged. The grain validates it again with the silo's token validator (signature, lifetime,
/// <c>sub</c> equal to the user concerned, the <c>amr</c> the operation needs), so a caller that can reach the grain
/// but holds no such token achieves nothing with the user id alone.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.identity-proof")]
public sealed record IdentityProof([property: Id(0)] string Token)
{
    /// <summary>Never prints the bearer token (records print their members by default).</summary>
    public override string ToString() => "IdentityProof { Token = *** }";
}
