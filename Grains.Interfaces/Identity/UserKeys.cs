namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>The public view of a user's keys: current signing and agreement keys plus retired ones.</summary>
[GenerateSerializer, Immutable, Alias("securecall.user-keys")]
public sealed record UserKeys(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] PublicKeyRecord SigningKey,
    [property: Id(3)] PublicKeyRecord AgreementKey,
    [property: Id(4)] DateTimeOffset RegisteredAt,
    [property: Id(5)] IReadOnlyList<PublicKeyRecord> History);
