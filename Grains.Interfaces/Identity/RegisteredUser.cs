namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>The answer to a successful key registration.</summary>
[GenerateSerializer, Immutable, Alias("securecall.registered-user")]
public sealed record RegisteredUser(
    [property: Id(0)] string UserId,
    [property: Id(1)] string SigningKeyFingerprint);
