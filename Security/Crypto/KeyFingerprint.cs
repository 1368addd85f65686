using System.Buffers.Text;
using System.Security.Cryptography;

namespace SecureCall.Security.Crypto;

/// <summary>A key's fingerprint: base64url (no padding) of SHA-256 over its SubjectPublicKeyInfo bytes.</summary>
public static class KeyFingerprint
{
    public static string Of(ReadOnlySpan<byte> spki) => Base64Url.EncodeToString(SHA256.HashData(spki));
}
