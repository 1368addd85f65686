using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using SecureCall.Hosting;
using SecureCall.Options;
using SecureCall.Storage.Postgres;
using SecureCall.Tests.Shared;

namespace SecureCall.Cluster.Tests.Infrastructure;

/// <summary>
/// Silos and clients in this process, composed with the production cluster-mode wiring (PostgreSQL membership, grain
/// state and reminders, mutual TLS) but without SecureCall's own services, so the Orleans providers are tested alone.
/// </summary>
public sealed class InProcessCluster : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];

    private InProcessCluster(string connectionString, ClusterSecrets secrets)
    {
        ConnectionString = connectionString;
        Secrets = secrets;
    }

    public string ConnectionString { get; }

    public ClusterSecrets Secrets { get; }

    public static async Task<InProcessCluster> CreateAsync(PostgresServer server, string name)
    {
        var connectionString = await server.CreateDatabaseAsync(name);
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new SchemaMigrator(dataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        }
        return new InProcessCluster(connectionString, new ClusterSecrets());
    }

    public async Task<IHost> StartSiloAsync(string name)
    {
        var configuration = Configuration(Secrets.SettingsFor(name), new()
        {
            ["SecureCall:Hosting:SiloPort"] = FreePorts.Next().ToString(),
            ["SecureCall:Hosting:GatewayPort"] = FreePorts.Next().ToString(),
            ["SecureCall:Hosting:AdvertisedAddress"] = "127.0.0.1",
            ["SecureCall:Hosting:SiloName"] = name,
        });
        var hosting = configuration.GetSection(HostingOptions.SectionName).Get<HostingOptions>()!;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UsePostgresCluster(configuration, hosting, openGateway: true);
            silo.AddReminders();
            silo.AddIncomingGrainCallFilter<SecureCall.Grains.Storage.StorageFailureFilter>();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddSecureCallCommonServices(configuration);
            silo.Services.AddPostgresStorage(configuration);
        });
        var host = builder.Build();
        await host.StartAsync();
        _hosts.Add(host);
        return host;
    }

    /// <summary>A client with the given settings (by default a cluster certificate); fails at once when no gateway accepts it.</summary>
    public async Task<IHost> StartClientAsync(Dictionary<string, string?> settings, TimeSpan? timeout = null)
    {
        var configuration = Configuration(settings, []);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseSecureCallCluster(configuration, retryUntilConnected: false));
        var host = builder.Build();
        try
        {
            using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
            await host.StartAsync(limit.Token);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        _hosts.Add(host);
        return host;
    }

    public async Task StopAsync(IHost host)
    {
        _hosts.Remove(host);
        await host.StopAsync();
        host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            try
            {
                await host.StopAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
                // Best effort: the database is thrown away anyway.
            }
            host.Dispose();
        }
        Secrets.Dispose();
    }

    private IConfiguration Configuration(Dictionary<string, string?> settings, Dictionary<string, string?> extra) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SecureCall:Hosting:Clustering"] = "Postgres",
            ["SecureCall:Hosting:ClusterId"] = "providers",
            ["SecureCall:Hosting:ServiceId"] = "providers",
            ["SecureCall:Postgres:ConnectionString"] = ConnectionString,
        }).AddInMemoryCollection(settings).AddInMemoryCollection(extra).Build();
}
