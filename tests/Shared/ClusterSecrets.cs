using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SecureCall.Tests.Shared;

/// <summary>
/// Throw-away secrets of a test cluster in a temp directory: a cluster CA with one certificate per process (mutual
/// TLS), a token signing key shared by silos and frontends, and a template key-encryption key. deploy/certs.sh makes
/// the same set with openssl for the local demo cluster.
/// </summary>
public sealed class ClusterSecrets : IDisposable
{
    private readonly X509Certificate2 _ca;

    public ClusterSecrets()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("securecall-secrets-").FullName;
        TokenKeyDirectory = System.IO.Path.Combine(Directory, "tokens");
        TemplateKeyDirectory = System.IO.Path.Combine(Directory, "kek");
        System.IO.Directory.CreateDirectory(TokenKeyDirectory);
        System.IO.Directory.CreateDirectory(TemplateKeyDirectory);
        using (var rsa = RSA.Create(2048))
        {
            File.WriteAllText(System.IO.Path.Combine(TokenKeyDirectory, "cluster.pem"), rsa.ExportPkcs8PrivateKeyPem());
        }
        File.WriteAllText(System.IO.Path.Combine(TemplateKeyDirectory, "kek-test.kek"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=SecureCall test cluster CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CaCertificatePath = System.IO.Path.Combine(Directory, "ca.pem");
        File.WriteAllText(CaCertificatePath, _ca.ExportCertificatePem());
    }

    public string Directory { get; }

    public string TokenKeyDirectory { get; }

    public string TemplateKeyDirectory { get; }

    public string CaCertificatePath { get; }

    /// <summary>Issues a certificate for <paramref name="name"/> by the cluster CA, or by a foreign CA when <paramref name="foreign"/>; returns (certificate, key) PEM paths.</summary>
    public (string Certificate, string Key) Issue(string name, bool foreign = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        X509Certificate2 certificate;
        if (foreign)
        {
            certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        }
        else
        {
            using var caKey = _ca.GetECDsaPrivateKey()!;
            var serial = RandomNumberGenerator.GetBytes(16);
            serial[0] &= 0x7F;
            certificate = request.Create(_ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey),
                DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), serial);
        }
        var certificatePath = System.IO.Path.Combine(Directory, $"{name}.pem");
        var keyPath = System.IO.Path.Combine(Directory, $"{name}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    /// <summary>The TLS and key settings of one process of the cluster.</summary>
    public Dictionary<string, string?> SettingsFor(string name, bool foreign = false)
    {
        var (certificate, key) = Issue(name, foreign);
        return new()
        {
            ["SecureCall:Hosting:Tls:CertificatePath"] = certificate,
            ["SecureCall:Hosting:Tls:KeyPath"] = key,
            ["SecureCall:Hosting:Tls:CaCertificatePath"] = CaCertificatePath,
            ["SecureCall:Tokens:KeyDirectory"] = TokenKeyDirectory,
            ["SecureCall:Tokens:GenerateKeyIfMissing"] = "false",
            ["SecureCall:TemplateKeys:KeyDirectory"] = TemplateKeyDirectory,
            ["SecureCall:TemplateKeys:GenerateKeyIfMissing"] = "false",
        };
    }

    public void Dispose()
    {
        _ca.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
