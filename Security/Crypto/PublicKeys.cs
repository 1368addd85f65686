using System.Security.Cryptography;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;

namespace SecureCall.Security.Crypto;

/// <summary>Parses and checks client public keys (SPKI DER) before anything is stored or verified with them.</summary>
public static class PublicKeys
{
    public const int MaxSpkiBytes = 1024;
    public const int MinRsaBits = 2048;
    public const int MaxRsaBits = 4096;
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>Imports a signing key; throws <see cref="SecureCallException"/> with <see cref="FailureCode.InvalidInput"/> if it is not acceptable.</summary>
    public static AsymmetricAlgorithm ImportSigningKey(SigningAlgorithm algorithm, ReadOnlySpan<byte> spki)
    {
        CheckSize(spki, "signingKey.spki");
        return algorithm switch
        {
            SigningAlgorithm.ES256 => ImportP256(spki, "signingKey.spki"),
            SigningAlgorithm.PS256 => ImportRsa(spki),
            _ => throw Invalid("signingKey.alg must be ES256 or PS256."),
        };
    }

    /// <summary>Checks that <paramref name="spki"/> is an uncompressed-or-compressed P-256 key usable for ECDH.</summary>
    public static void CheckAgreementKey(ReadOnlySpan<byte> spki)
    {
        CheckSize(spki, "agreementKey.spki");
        using var key = ImportP256(spki, "agreementKey.spki");
    }

    private static ECDsa ImportP256(ReadOnlySpan<byte> spki, string field)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(spki, out var read);
            if (read != spki.Length)
            {
                throw Invalid($"{field} has trailing bytes after the key.");
            }
            if (key.ExportParameters(false).Curve.Oid.Value != P256Oid)
            {
                throw Invalid($"{field} must be a P-256 key.");
            }
            return key;
        }
        catch (CryptographicException)
        {
            key.Dispose();
            throw Invalid($"{field} is not a valid P-256 SubjectPublicKeyInfo.");
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static RSA ImportRsa(ReadOnlySpan<byte> spki)
    {
        var key = RSA.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(spki, out var read);
            if (read != spki.Length)
            {
                throw Invalid("signingKey.spki has trailing bytes after the key.");
            }
            if (key.KeySize is < MinRsaBits or > MaxRsaBits)
            {
                throw Invalid($"signingKey.spki must be an RSA key of {MinRsaBits} to {MaxRsaBits} bits.");
            }
            return key;
        }
        catch (CryptographicException)
        {
            key.Dispose();
            throw Invalid("signingKey.spki is not a valid RSA SubjectPublicKeyInfo.");
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static void CheckSize(ReadOnlySpan<byte> spki, string field)
    {
        if (spki.IsEmpty || spki.Length > MaxSpkiBytes)
        {
            throw Invalid($"{field} must be 1 to {MaxSpkiBytes} bytes.");
        }
    }

    private static SecureCallException Invalid(string message) => new(FailureCode.InvalidInput, message);
}
