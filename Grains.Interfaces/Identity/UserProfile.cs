namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>What a signed-in user may read about their own account.</summary>
[GenerateSerializer, Immutable, Alias("securecall.user-profile")]
public sealed record UserProfile(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string? Email,
    [property: Id(3)] bool HasPassword,
    [property: Id(4)] string? SigningKeyFingerprint,
    [property: Id(5)] DateTimeOffset CreatedAt);
