namespace SecureCall.Options;

/// <summary>
/// Mutual TLS for cluster mode: silo-to-silo and frontend-to-gateway connections. Every process presents a certificate
/// issued by the cluster's own CA and accepts only peers whose certificate chains to that CA, so holding the network
/// address of a silo is not enough to call a grain. docs/cluster-tls.md says how to issue the certificates.
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string SectionName = "SecureCall:Hosting:Tls";

    /// <summary>This process's certificate (PEM). Its key usage must allow both TLS server and client authentication.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The certificate's private key (PEM, PKCS#8 or PKCS#1); empty when it is in <see cref="CertificatePath"/>.</summary>
    public string KeyPath { get; set; } = "";

    /// <summary>The cluster CA certificate (PEM): the only trust anchor for peers; the system's CAs are not trusted.</summary>
    public string CaCertificatePath { get; set; } = "";

    /// <summary>
    /// Turns mutual TLS off in cluster mode. Only for a network that is itself authenticated and private: without TLS
    /// anyone who reaches a silo port can call any grain.
    /// </summary>
    public bool Disabled { get; set; }

    public bool IsConfigured => CertificatePath.Length > 0 && CaCertificatePath.Length > 0;
}
