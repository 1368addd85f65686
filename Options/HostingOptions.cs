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
    /// <see cref="ClusteringMode.External"/>: the host configures clustering itself (test clusters, future database clustering).
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

    public string ClusterId { get; set; } = DefaultClusterId;

    public string ServiceId { get; set; } = DefaultServiceId;
}
