using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using SecureCall.Hosting;

namespace SecureCall.Tests.Shared;

/// <summary>
/// A cluster of real processes on 127.0.0.1, as deploy/local-cluster.sh starts one: headless silos
/// (SecureCall.Silo.dll) and web frontends (SecureCall.WebFrontend.dll, Orleans clients) on one PostgreSQL database,
/// with mutual TLS between them. The test itself can join as an Orleans client (with its own cluster certificate) to
/// find where a grain lives. Only one process cluster runs on the machine at a time, whichever test assembly starts
/// it (<see cref="MachineLock"/>): two of them on two cores starve each other's failure detection and video.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly List<IHost> _clients = [];
    private readonly FileStream _machineLock;

    private ProcessCluster(string connectionString, ClusterSecrets secrets, Dictionary<string, string?> settings, FileStream machineLock)
    {
        ConnectionString = connectionString;
        Secrets = secrets;
        _settings = settings;
        _machineLock = machineLock;
    }

    /// <summary>The file whose exclusive lock a process cluster holds while it runs (an flock, released if the test process dies).</summary>
    public static string MachineLock => Path.Combine(Path.GetTempPath(), "securecall-process-cluster.lock");

    public string ConnectionString { get; }

    public ClusterSecrets Secrets { get; }

    public Dictionary<string, Silo> Silos { get; } = [];

    public Dictionary<string, Frontend> Frontends { get; } = [];

    public sealed record Silo(DotnetProcess Process, int SiloPort, int GatewayPort);

    public sealed record Frontend(DotnetProcess Process, Uri Url);

    /// <summary>A fresh database, migrated by <c>SecureCall.Silo migrate</c> (the real command, as an operator runs it).</summary>
    public static async Task<ProcessCluster> CreateAsync(PostgresServer server, string name, IReadOnlyDictionary<string, string?> settings)
    {
        var machineLock = await LockMachineAsync(TimeSpan.FromMinutes(15));
        try
        {
            return await CreateAsync(server, name, settings, machineLock);
        }
        catch
        {
            await machineLock.DisposeAsync();
            throw;
        }
    }

    private static async Task<ProcessCluster> CreateAsync(PostgresServer server, string name, IReadOnlyDictionary<string, string?> settings, FileStream machineLock)
    {
        var connectionString = await server.CreateDatabaseAsync(name);
        var all = new Dictionary<string, string?>
        {
            ["SecureCall:Hosting:Clustering"] = "Postgres",
            ["SecureCall:Hosting:ClusterId"] = name,
            ["SecureCall:Hosting:ServiceId"] = name,
            ["SecureCall:Postgres:ConnectionString"] = connectionString,
            ["SecureCall:Passwords:MemoryKiB"] = "1024",
            ["SecureCall:Passwords:Iterations"] = "1",
            ["SecureCall:Inference:WarmUpAtStart"] = "false",
            ["SecureCall:Models:ModelDirectory"] = Path.Combine(RepositoryRoot.Path, "models", "out"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        var cluster = new ProcessCluster(connectionString, new ClusterSecrets(), all, machineLock);
        await using var migrate = DotnetProcess.Start("migrate", "Silo", "SecureCall.Silo", ["migrate"], all);
        Assert.True(await migrate.WaitForExitAsync(TimeSpan.FromSeconds(60)) && migrate.Log.Contains("now at version", StringComparison.Ordinal), "migrate did not finish:\n" + migrate.Log);
        return cluster;
    }

    public async Task<Silo> StartSiloAsync(string name)
    {
        var siloPort = FreePorts.Next();
        var gatewayPort = FreePorts.Next();
        var settings = new Dictionary<string, string?>(_settings)
        {
            ["SecureCall:Hosting:SiloPort"] = siloPort.ToString(),
            ["SecureCall:Hosting:GatewayPort"] = gatewayPort.ToString(),
            ["SecureCall:Hosting:AdvertisedAddress"] = "127.0.0.1",
            ["SecureCall:Hosting:SiloName"] = name,
            ["SecureCall:Storage:DataDirectory"] = Path.Combine(Secrets.Directory, "data-" + name),
        };
        foreach (var (key, value) in Secrets.SettingsFor(name))
        {
            settings[key] = value;
        }
        var silo = new Silo(DotnetProcess.Start(name, "Silo", "SecureCall.Silo", [], settings), siloPort, gatewayPort);
        Silos[name] = silo;
        await silo.Process.WaitUntilAsync(() => IsActiveAsync(siloPort), TimeSpan.FromSeconds(90), "join the cluster");
        return silo;
    }

    public async Task<Frontend> StartFrontendAsync(string name)
    {
        var port = FreePorts.Next();
        var settings = new Dictionary<string, string?>(_settings)
        {
            ["SecureCall:Storage:DataDirectory"] = Path.Combine(Secrets.Directory, "data-" + name),
        };
        foreach (var (key, value) in Secrets.SettingsFor(name))
        {
            settings[key] = value;
        }
        // A frontend validates tokens with the public keys it fetches from the silos: give it no private key at all.
        settings.Remove("SecureCall:Tokens:KeyDirectory");
        var url = new Uri($"http://127.0.0.1:{port}/");
        var frontend = new Frontend(DotnetProcess.Start(name, "WebFrontend", "SecureCall.WebFrontend", ["--urls", url.ToString().TrimEnd('/')], settings), url);
        Frontends[name] = frontend;
        await frontend.Process.WaitUntilAnswersAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(90));
        return frontend;
    }

    /// <summary>
    /// Runs a command of the headless silo (<c>verify-audit</c>) with the cluster's settings and a certificate of its
    /// own, as an operator beside the cluster would: its exit code and output.
    /// </summary>
    public Task<(int ExitCode, string Output)> RunSiloCommandAsync(string command, TimeSpan timeout)
    {
        var settings = new Dictionary<string, string?>(_settings);
        foreach (var (key, value) in Secrets.SettingsFor("operator"))
        {
            settings[key] = value;
        }
        return DotnetProcess.RunAsync("Silo", "SecureCall.Silo", [command], settings, timeout);
    }

    /// <summary>The test as an Orleans client of the cluster (with a cluster certificate), for looking behind the frontends.</summary>
    public async Task<IClusterClient> ConnectAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).AddInMemoryCollection(Secrets.SettingsFor("test-client")).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseSecureCallCluster(configuration));
        var host = builder.Build();
        await host.StartAsync();
        _clients.Add(host);
        return host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The silo process that hosts the activation at <paramref name="siloAddress"/> (as Orleans prints it).</summary>
    public string SiloNameOf(SiloAddress siloAddress) =>
        Silos.Single(s => s.Value.SiloPort == siloAddress.Endpoint.Port).Key;

    /// <summary>Whether the membership table lists the silo on <paramref name="siloPort"/> as active (status 3).</summary>
    public Task<bool> IsActiveAsync(int siloPort) => HasStatusAsync(siloPort, 3);

    /// <summary>Whether the membership table lists the silo on <paramref name="siloPort"/> as dead (status 6).</summary>
    public Task<bool> IsDeadAsync(int siloPort) => HasStatusAsync(siloPort, 6);

    private async Task<bool> HasStatusAsync(int siloPort, int status)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE port = $1 AND status = $2", connection);
        command.Parameters.Add(new() { Value = siloPort });
        command.Parameters.Add(new() { Value = status });
        return Convert.ToInt32(await command.ExecuteScalarAsync()) > 0;
    }

    /// <summary>Output of every process, for a failure message.</summary>
    public string Logs() => string.Join("\n", Silos.Values.Select(s => s.Process).Concat(Frontends.Values.Select(f => f.Process))
        .Select(p => $"===== {p.Name}{(p.HasExited ? " (exited)" : "")}\n{Tail(p.Log)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            try
            {
                await client.StopAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception)
            {
            }
            client.Dispose();
        }
        foreach (var process in Frontends.Values.Select(f => f.Process).Concat(Silos.Values.Select(s => s.Process)))
        {
            await process.DisposeAsync();
        }
        Secrets.Dispose();
        await _machineLock.DisposeAsync();
    }

    /// <summary>
    /// Waits (at most <paramref name="limit"/>) for the machine's process-cluster lock; a test that runs another heavy
    /// host process (the standalone host under load, the local-cluster script) takes it too, and holds it until it
    /// disposes the stream.
    /// </summary>
    public static async Task<FileStream> LockMachineAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix: another process opening the file this way fails.
                return new FileStream(MachineLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    private static string Tail(string log) => log.Length <= 6000 ? log : log[^6000..];
}
