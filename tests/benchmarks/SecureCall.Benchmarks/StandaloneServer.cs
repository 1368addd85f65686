using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SecureCall.Benchmarks;

/// <summary>
/// Starts the real standalone host (the built SecureCall.WebFrontend.dll next to this program) as its own process on
/// 127.0.0.1 with a throw-away data directory, so the load generator measures it over real HTTP.
/// </summary>
public sealed class StandaloneServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private StandaloneServer(Process process, Uri url, Uri managementUrl, string dataDirectory)
    {
        _process = process;
        Url = url;
        ManagementUrl = managementUrl;
        _dataDirectory = dataDirectory;
    }

    public Uri Url { get; }

    /// <summary>The server's management port (the Prometheus scrape is served there only).</summary>
    public Uri ManagementUrl { get; }

    /// <summary>CPU time the server process has used so far (all its threads).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The server process's resident memory (RSS) now.</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>
    /// A counter of the server's Prometheus scrape (<c>/metrics</c> on the management port), summed by the value of
    /// <paramref name="label"/>: e.g. <c>securecall_cues_measured_total</c> by <c>by</c>.
    /// </summary>
    public async Task<Dictionary<string, double>> CounterAsync(string metric, string label)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(ManagementUrl, "/metrics"));
        var line = new System.Text.RegularExpressions.Regex($"^{metric}\\{{[^}}]*\\b{label}=\"([^\"]*)\"[^}}]*\\}} ([0-9.eE+-]+)", System.Text.RegularExpressions.RegexOptions.Multiline);
        return line.Matches(text).GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => g.Sum(m => double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The server's data directory (its token signing keys live in <c>keys/</c>).</summary>
    public string DataDirectory => _dataDirectory;

    public static async Task<StandaloneServer> StartAsync(IDictionary<string, string> settings)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var managementUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var dataDirectory = Directory.CreateTempSubdirectory("securecall-bench-").FullName;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "SecureCall.WebFrontend.dll"), "--urls", url.ToString()])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SecureCall__Storage__DataDirectory"] = dataDirectory;
        start.Environment["SecureCall__Hosting__SiloPort"] = FreePort().ToString();
        start.Environment["SecureCall__Hosting__GatewayPort"] = FreePort().ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["SecureCall__Management__Port"] = managementUrl.Port.ToString();
        // Login and call signaling do not touch the face models; do not make these runs depend on models/prepare.sh.
        start.Environment["SecureCall__Inference__WarmUpAtStart"] = "false";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__")] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[server] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[server] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await http.GetAsync(new Uri(url, "/health"))).IsSuccessStatusCode)
                {
                    return new StandaloneServer(process, url, managementUrl, dataDirectory);
                }
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited)
            {
                break;
            }
            await Task.Delay(500);
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The server did not become healthy within 60 seconds.");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
