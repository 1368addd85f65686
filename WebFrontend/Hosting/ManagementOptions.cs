namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// The management port (<c>SecureCall:Management</c>): the only place the Prometheus scrape (<c>/metrics</c>) and the
/// Orleans Dashboard are served. Never the public port: behind a reverse proxy on the same machine every visitor of the
/// public port looks like loopback, and <c>X-Forwarded-For</c> is whatever the client wrote.
/// </summary>
public sealed class ManagementOptions
{
    public const string SectionName = "SecureCall:Management";
    public const string DefaultAddress = "127.0.0.1";

    /// <summary>
    /// The port (e.g. 9464, Prometheus exporters' usual one); 0 (the default) opens none, and then neither metrics nor
    /// the dashboard are served. Must differ from the public ports.
    /// </summary>
    public int Port { get; set; }

    /// <summary>
    /// The address the port listens on: loopback (<c>127.0.0.1</c>) by default; <c>0.0.0.0</c> lets a scraper in the
    /// same network reach it (in Kubernetes, with a NetworkPolicy that admits only the scraper).
    /// </summary>
    public string Address { get; set; } = DefaultAddress;

    /// <summary>The URL Kestrel listens on for the management port.</summary>
    public string Url => $"http://{(Address.Contains(':') ? $"[{Address}]" : Address)}:{Port}";
}
