namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>A public key that validates tokens: its kid and the RSA key as DER SubjectPublicKeyInfo.</summary>
[GenerateSerializer, Immutable, Alias("securecall.token-public-key")]
public sealed record TokenPublicKey([property: Id(0)] string KeyId, [property: Id(1)] byte[] SubjectPublicKeyInfo);
