using System.Security.Cryptography;

namespace SecureCall.Security.Crypto;

/// <summary>Verifies ES256 (IEEE P1363 r‖s) and PS256 (salt 32) signatures as WebCrypto produces them.</summary>
public static class SignatureVerifier
{
    public const int Es256SignatureBytes = 64;
    public const int MaxSignatureBytes = 512;

    public static bool Verify(AsymmetricAlgorithm key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.IsEmpty || signature.Length > MaxSignatureBytes)
        {
            return false;
        }
        return key switch
        {
            ECDsa ecdsa => signature.Length == Es256SignatureBytes
                && ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            // .NET's PSS salt length is the hash length: 32 bytes for SHA-256, which is what we require.
            RSA rsa => signature.Length == rsa.KeySize / 8
                && rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            _ => false,
        };
    }
}
