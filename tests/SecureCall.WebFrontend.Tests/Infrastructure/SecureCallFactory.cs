using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecureCall.Security;

namespace SecureCall.WebFrontend.Tests.Infrastructure;

/// <summary>
/// The real standalone host (co-hosted silo, SQLite under a temp data directory) behind an in-memory HTTP server.
/// Each factory gets its own silo ports so factories can run side by side.
/// </summary>
public class SecureCallFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string> _settings;

    public SecureCallFactory(string dataDirectory, FakeTimeProvider? time = null, IDictionary<string, string>? settings = null)
    {
        DataDirectory = dataDirectory;
        Time = time ?? new FakeTimeProvider(DateTimeOffset.UtcNow);
        SiloPort = FreePort();
        GatewayPort = FreePort();
        _settings = new Dictionary<string, string>
        {
            ["SecureCall:Storage:DataDirectory"] = dataDirectory,
            ["SecureCall:Hosting:SiloPort"] = SiloPort.ToString(),
            // The standalone host must not open it; StandaloneHostTests checks that nothing listens there.
            ["SecureCall:Hosting:GatewayPort"] = GatewayPort.ToString(),
            ["SecureCall:Passwords:MemoryKiB"] = "1024",
            ["SecureCall:Passwords:Iterations"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
            ["SecureCall:Inference:WarmUpAtStart"] = "false",
            // The shipped configuration also requires "face" for calls; these tests exercise signaling with tokens
            // they mint themselves, and face matching has its own tests.
            ["SecureCall:Signaling:RequiredAmr"] = "sig,live",
            ["SecureCall:Models:ModelDirectory"] = Path.Combine(RepositoryRoot, "models", "out"),
            // The in-memory server binds no port; requests that say they came in on this one reach the operator surfaces.
            ["SecureCall:Management:Port"] = ManagementPort.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The management port in this host's configuration (see <see cref="ScrapeMetricsAsync"/>).</summary>
    public const int ManagementPort = 9464;

    public string DataDirectory { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>What the host logged (at the configured levels: warnings and up unless a test's settings say otherwise).</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>This host's silo port; another factory joins its cluster with <c>SecureCall:Hosting:PrimarySiloPort</c>.</summary>
    public int SiloPort { get; }

    /// <summary>The gateway port in this host's configuration (which a standalone host must leave closed).</summary>
    public int GatewayPort { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton(new SecurityClock(Time)));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    /// <summary>The Prometheus scrape, as a request arriving on the management port receives it.</summary>
    public async Task<string> ScrapeMetricsAsync()
    {
        var context = await Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/metrics";
            c.Request.Host = new Microsoft.AspNetCore.Http.HostString("localhost");
            c.Connection.LocalPort = ManagementPort;
        });
        Assert.Equal(200, context.Response.StatusCode);
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }

    /// <summary>The folder holding the solution (models and sample photos live below it).</summary>
    public static string RepositoryRoot => SecureCall.Tests.Shared.RepositoryRoot.Path;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
