using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;
using SecureCall.Options;

namespace SecureCall.Hosting;

/// <summary>
/// Mutual TLS between the processes of a cluster (<see cref="ClusterTlsOptions"/>): each side presents its certificate
/// and accepts the other only if the other's chains to the cluster CA. Host names are not checked (silos are reached by
/// IP address, which pods change); possession of a CA-issued certificate is the credential.
/// </summary>
public sealed class ClusterTls
{
    private readonly X509Certificate2 _ca;

    private ClusterTls(X509Certificate2 certificate, X509Certificate2 ca)
    {
        Certificate = certificate;
        _ca = ca;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Reads the configured certificates; null when TLS is disabled, an error when it is required but not configured.</summary>
    public static ClusterTls? FromConfiguration(IConfiguration configuration)
    {
        var options = configuration.GetSection(ClusterTlsOptions.SectionName).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();
        if (options.Disabled)
        {
            return null;
        }
        if (!options.IsConfigured)
        {
            throw new InvalidOperationException(
                "Cluster mode requires mutual TLS: set SecureCall:Hosting:Tls:CertificatePath, KeyPath and CaCertificatePath " +
                "(docs/cluster-tls.md), or SecureCall:Hosting:Tls:Disabled=true on a network that is itself private and authenticated.");
        }
        var certificate = string.IsNullOrEmpty(options.KeyPath)
            ? X509Certificate2.CreateFromPemFile(options.CertificatePath)
            : X509Certificate2.CreateFromPemFile(options.CertificatePath, options.KeyPath);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"SecureCall:Hosting:Tls: no private key for {options.CertificatePath}.");
        }
        // SslStream needs the key in a form the platform TLS stack can use: round-trip through PKCS#12.
        certificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        var ca = X509CertificateLoader.LoadCertificateFromFile(options.CaCertificatePath);
        return new ClusterTls(certificate, ca);
    }

    /// <summary>The TLS settings both silos and clients use: present our certificate, require the peer's, verify it against the CA.</summary>
    public void Configure(TlsOptions tls)
    {
        tls.LocalCertificate = Certificate;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateValidation = (certificate, _, errors) => IsIssuedByClusterCa(certificate, errors);
        tls.HandshakeTimeout = TimeSpan.FromSeconds(5);
    }

    /// <summary>True if <paramref name="certificate"/> chains to the cluster CA (and only to it) and is valid now.</summary>
    public bool IsIssuedByClusterCa(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        // Throw-away cluster CAs publish no revocation lists; rotation replaces the CA instead.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(_ca.RawDataMemory.Span);
    }
}
