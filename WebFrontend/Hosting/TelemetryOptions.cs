namespace SecureCall.WebFrontend.Hosting;

/// <summary>Where metrics and traces go (<c>SecureCall:Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "SecureCall:Telemetry";
    public const string DefaultScrapePath = "/metrics";

    /// <summary>
    /// An OTLP collector (e.g. <c>http://127.0.0.1:4317</c>); when set, metrics and traces are exported there. The
    /// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable works too. Default: none.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// Path of the Prometheus scrape endpoint (default <c>/metrics</c>), served on the management port only
    /// (<see cref="ManagementOptions"/>); empty turns it off.
    /// </summary>
    public string ScrapePath { get; set; } = DefaultScrapePath;
}
