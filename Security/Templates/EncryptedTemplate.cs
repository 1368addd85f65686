namespace SecureCall.Security.Templates;

/// <summary>
/// A face template at rest: AES-256-GCM ciphertext under a per-record data key, and that data key wrapped
/// (AES-256-GCM) by the key-encryption key <see cref="KeyId"/>. Both are bound to the owner as associated data.
/// Never renumber the ids.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.encrypted-template")]
public sealed record EncryptedTemplate(
    [property: Id(0)] string KeyId,
    [property: Id(1)] byte[] WrappedKey,
    [property: Id(2)] byte[] Ciphertext,
    [property: Id(3)] int Dimensions);
