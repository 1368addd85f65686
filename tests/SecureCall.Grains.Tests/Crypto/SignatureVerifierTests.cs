using System.Security.Cryptography;
using System.Text;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security.Crypto;

namespace SecureCall.Grains.Tests.Crypto;

public sealed class SignatureVerifierTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("securecall/auth/v1\nalice\nc\nn");

    [Fact]
    public void Es256_P1363Signature_Verifies()
    {
        using var client = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = client.SignData(Data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        using var key = PublicKeys.ImportSigningKey(SigningAlgorithm.ES256, client.ExportSubjectPublicKeyInfo());

        Assert.Equal(64, signature.Length);
        Assert.True(SignatureVerifier.Verify(key, Data, signature));
    }

    [Fact]
    public void Es256_DerSignature_IsRejected()
    {
        using var client = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var der = client.SignData(Data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        using var key = PublicKeys.ImportSigningKey(SigningAlgorithm.ES256, client.ExportSubjectPublicKeyInfo());

        Assert.False(SignatureVerifier.Verify(key, Data, der));
    }

    [Fact]
    public void Es256_SignatureOverOtherBytes_IsRejected()
    {
        using var client = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = client.SignData(Data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        using var key = PublicKeys.ImportSigningKey(SigningAlgorithm.ES256, client.ExportSubjectPublicKeyInfo());
        var tampered = (byte[])Data.Clone();
        tampered[^1] ^= 1;

        Assert.False(SignatureVerifier.Verify(key, tampered, signature));
    }

    [Fact]
    public void Es256_SignatureByAnotherKey_IsRejected()
    {
        using var client = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = other.SignData(Data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        using var key = PublicKeys.ImportSigningKey(SigningAlgorithm.ES256, client.ExportSubjectPublicKeyInfo());

        Assert.False(SignatureVerifier.Verify(key, Data, signature));
    }

    [Fact]
    public void Ps256_Salt32Signature_Verifies()
    {
        using var client = RSA.Create(2048);
        var signature = client.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        using var key = PublicKeys.ImportSigningKey(SigningAlgorithm.PS256, client.ExportSubjectPublicKeyInfo());

        Assert.True(SignatureVerifier.Verify(key, Data, signature));
    }

    [Fact]
    public void Ps256_Pkcs1Signature_IsRejected()
    {
        using var client = RSA.Create(2048);
        var signature = client.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var key = PublicKeys.ImportSigningKey(SigningAlgorithm.PS256, client.ExportSubjectPublicKeyInfo());

        Assert.False(SignatureVerifier.Verify(key, Data, signature));
    }

    [Fact]
    public void ImportSigningKey_Rsa1024_IsRefused()
    {
        using var weak = RSA.Create(1024);

        var error = Assert.Throws<SecureCallException>(() => PublicKeys.ImportSigningKey(SigningAlgorithm.PS256, weak.ExportSubjectPublicKeyInfo()));
        Assert.Equal(FailureCode.InvalidInput, error.Code);
    }

    [Fact]
    public void ImportSigningKey_P384ForEs256_IsRefused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var error = Assert.Throws<SecureCallException>(() => PublicKeys.ImportSigningKey(SigningAlgorithm.ES256, p384.ExportSubjectPublicKeyInfo()));
        Assert.Contains("P-256", error.Message);
    }

    [Fact]
    public void ImportSigningKey_RsaKeyForEs256_IsRefused()
    {
        using var rsa = RSA.Create(2048);

        Assert.Throws<SecureCallException>(() => PublicKeys.ImportSigningKey(SigningAlgorithm.ES256, rsa.ExportSubjectPublicKeyInfo()));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x30, 0x03, 0x02, 0x01 })]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })]
    public void ImportSigningKey_GarbageSpki_IsInvalidInput(byte[] spki)
    {
        var error = Assert.Throws<SecureCallException>(() => PublicKeys.ImportSigningKey(SigningAlgorithm.ES256, spki));
        Assert.Equal(FailureCode.InvalidInput, error.Code);
    }

    [Fact]
    public void ImportSigningKey_TrailingBytes_IsRefused()
    {
        using var client = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] spki = [.. client.ExportSubjectPublicKeyInfo(), 0];

        Assert.Throws<SecureCallException>(() => PublicKeys.ImportSigningKey(SigningAlgorithm.ES256, spki));
    }

    [Fact]
    public void CheckAgreementKey_EcdhP256Spki_IsAccepted()
    {
        using var ecdh = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        PublicKeys.CheckAgreementKey(ecdh.ExportSubjectPublicKeyInfo());
    }
}
