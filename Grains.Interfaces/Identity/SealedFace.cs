namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>
/// A face template sealed (AES-256-GCM, bound to its user) with the silo's template key-encryption key, as one
/// silo-side grain hands it to another. Only code holding that key can make one, so a caller with grain access cannot
/// invent a template: it can at most send frames to be analysed.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.sealed-face")]
public sealed record SealedFace(
    [property: Id(0)] string KeyId,
    [property: Id(1)] byte[] WrappedKey,
    [property: Id(2)] byte[] Ciphertext,
    [property: Id(3)] int Dimensions);
