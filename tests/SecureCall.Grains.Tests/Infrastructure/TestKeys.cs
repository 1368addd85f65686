using System.Security.Cryptography;

namespace SecureCall.Grains.Tests.Infrastructure;

/// <summary>Client-side keys as a browser would hold them, for signing test challenges.</summary>
public sealed class TestKeys : IDisposable
{
    public ECDsa Signing { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public ECDiffieHellman Agreement { get; } = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public byte[] SigningSpki => Signing.ExportSubjectPublicKeyInfo();
    public byte[] AgreementSpki => Agreement.ExportSubjectPublicKeyInfo();

    /// <summary>Signs like WebCrypto: ECDSA P-256/SHA-256 with r‖s output.</summary>
    public byte[] Sign(byte[] data) => Signing.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose()
    {
        Signing.Dispose();
        Agreement.Dispose();
    }
}
