namespace SecureCall.Options;

/// <summary>How a silo joins its cluster.</summary>
public sealed class HostingOptions
{
    public const string SectionName = "SecureCall:Hosting";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;
    public const string DefaultClusterId = "securecall";
    public const string DefaultServiceId = "securecall";

    /// <summary>
    /// <see cref="ClusteringMode.Localhost"/> (default): a single silo on this machine, nothing else to install.
    /// <see cref="ClusteringMode.External"/>: the host configures clustering itself (test clusters).
    /// <see cref="ClusteringMode.Postgres"/>: cluster mode, with <see cref="PostgresOptions"/> and mutual TLS (<see cref="ClusterTlsOptions"/>).
    /// </summary>
    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    /// <summary>Port for silo-to-silo traffic (bound to loopback in localhost mode).</summary>
    public int SiloPort { get; set; } = DefaultSiloPort;

    /// <summary>
    /// Port Orleans clients connect to, opened only by the headless silo (<c>SecureCall.Silo</c>). The standalone web
    /// host never opens a gateway, whatever this says: grain access is the trust boundary.
    /// </summary>
    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>
    /// Localhost mode only: the silo port of an already running silo on this machine to join (0 = this silo is the
    /// primary). Lets several processes on one machine form a development cluster.
    /// </summary>
    public int PrimarySiloPort { get; set; }

    /// <summary>
    /// Cluster mode: the IP address other silos and frontends reach this silo at (in Kubernetes the pod IP, from the
    /// downward API). Empty means the host's first address. The silo listens on every address of the host.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "";

    /// <summary>Cluster mode: this silo's name in the membership table and logs (in Kubernetes the pod name); empty means a generated one.</summary>
    public string SiloName { get; set; } = "";

    public string ClusterId { get; set; } = DefaultClusterId;

    public string ServiceId { get; set; } = DefaultServiceId;
}
