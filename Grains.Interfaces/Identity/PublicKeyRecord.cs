namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>A registered public key: SPKI bytes, base64url SHA-256 fingerprint and its lifetime.</summary>
[GenerateSerializer, Immutable, Alias("securecall.public-key")]
public sealed record PublicKeyRecord(
    [property: Id(0)] string Algorithm,
    [property: Id(1)] byte[] Spki,
    [property: Id(2)] string Fingerprint,
    [property: Id(3)] DateTimeOffset AddedAt,
    [property: Id(4)] DateTimeOffset? RetiredAt);
