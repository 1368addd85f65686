using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SecureCall.Grains.Interfaces.Diagnostics;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// OpenTelemetry for the host: Orleans' meter and activity sources, ASP.NET Core, and the product's own counters
/// (logins, calls). Exported over OTLP when an endpoint is configured, and scraped by Prometheus on the management port.
/// </summary>
public static class TelemetryExtensions
{
    public static WebApplicationBuilder AddSecureCallTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName)
            .Validate(o => string.IsNullOrEmpty(o.OtlpEndpoint) || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out _), "SecureCall:Telemetry:OtlpEndpoint must be an absolute URL.")
            .Validate(o => string.IsNullOrEmpty(o.ScrapePath) || o.ScrapePath.StartsWith('/'), "SecureCall:Telemetry:ScrapePath must start with '/'.")
            .ValidateOnStart();
        var otlp = !string.IsNullOrEmpty(options.OtlpEndpoint) || !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Microsoft.Orleans", TelemetryNames.Meter).AddAspNetCoreInstrumentation();
                if (otlp)
                {
                    metrics.AddOtlpExporter(o => SetEndpoint(o, options));
                }
                if (!string.IsNullOrEmpty(options.ScrapePath))
                {
                    metrics.AddPrometheusExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", TelemetryNames.ActivitySource).AddAspNetCoreInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter(o => SetEndpoint(o, options));
                }
            });
        return builder;
    }

    /// <summary>The scrape endpoint; <see cref="ManagementSurfaceMiddleware"/> lets it answer on the management port only.</summary>
    public static WebApplication MapSecureCallTelemetry(this WebApplication app)
    {
        var options = app.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (string.IsNullOrEmpty(options.ScrapePath))
        {
            return app;
        }
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == options.ScrapePath);
        return app;
    }

    private static void SetEndpoint(OpenTelemetry.Exporter.OtlpExporterOptions exporter, TelemetryOptions options)
    {
        if (!string.IsNullOrEmpty(options.OtlpEndpoint))
        {
            exporter.Endpoint = new Uri(options.OtlpEndpoint);
        }
    }
}
