using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SecureCall.Tests.Shared;

namespace SecureCall.E2E.Infrastructure;

/// <summary>
/// The real standalone host (the built WebFrontend, co-hosted silo, SQLite in a temp directory) as its own process
/// on 127.0.0.1, the way README's run command starts it; killed and its data removed at the end.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _dataDirectory;

    private HostProcess(Process process, string baseUrl, string dataDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        _dataDirectory = dataDirectory;
    }

    public string BaseUrl { get; }

    /// <summary>What the host printed, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// The session grain's lines on failed challenges (each with its frames' measures), for the message of a test whose
    /// genuine session failed: CI shows that message, not the host log file.
    /// </summary>
    /// <param name="since">A <see cref="LogLength"/> taken when the session started.</param>
    public string ChallengeFailures(int since)
    {
        var log = Log;
        var lines = log[Math.Min(since, log.Length)..].Split('\n').Where(l => l.Contains(" failed (", StringComparison.Ordinal)).TakeLast(4).ToList();
        return lines.Count == 0 ? "(the host logged no failed challenge)" : "host: " + string.Join("\nhost: ", lines.Select(l => l.Trim()));
    }

    /// <summary>Characters logged so far (a mark for <see cref="ChallengeFailures"/>).</summary>
    public int LogLength
    {
        get
        {
            lock (_log)
            {
                return _log.Length;
            }
        }
    }

    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var root = RepositoryRoot.Path;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var dll = Path.Combine(root, "WebFrontend", "bin", configuration, "net10.0", "SecureCall.WebFrontend.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The host is not built: {dll}", dll);
        }
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("securecall-e2e-").FullName;
        var arguments = new List<string> { dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", Path.Combine(root, "WebFrontend") };
        var all = new Dictionary<string, string>
        {
            ["SecureCall:Storage:DataDirectory"] = data,
            ["SecureCall:Hosting:SiloPort"] = FreePort().ToString(),
            ["SecureCall:Hosting:GatewayPort"] = FreePort().ToString(),
            ["SecureCall:Models:ModelDirectory"] = Path.Combine(root, "models", "out"),
            ["SecureCall:Passwords:MemoryKiB"] = "1024",
            ["SecureCall:Passwords:Iterations"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            // Why a challenge failed, with its frames' measures: the first thing to read when a genuine session fails.
            ["Logging:LogLevel:SecureCall.Grains.Verification.VerificationSessionGrain"] = "Debug",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        arguments.AddRange(all.Select(s => $"--{s.Key}={s.Value}"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        arguments.ForEach(start.ArgumentList.Add);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var host = new HostProcess(process, $"http://127.0.0.1:{port}", data);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitHealthyAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        await File.WriteAllTextAsync(Path.Combine(Artifacts.Directory, $"host-{new Uri(BaseUrl).Port}.log"), Log);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; the temp directory is cleaned by the OS eventually.
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode}:\n{Log}");
            }
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The host did not become healthy within 90 s:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
