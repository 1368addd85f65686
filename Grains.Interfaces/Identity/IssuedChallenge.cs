namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>A single-use challenge handed to a client; <see cref="Nonce"/> is base64url of 32 random bytes.</summary>
[GenerateSerializer, Immutable, Alias("securecall.issued-challenge")]
public sealed record IssuedChallenge(
    [property: Id(0)] string ChallengeId,
    [property: Id(1)] string Nonce,
    [property: Id(2)] DateTimeOffset ExpiresAt);
