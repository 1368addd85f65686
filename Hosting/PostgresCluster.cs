using System.Data.Common;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using SecureCall.Grains.Storage;
using SecureCall.Options;
using SecureCall.Security.Audit;
using SecureCall.Security.Challenges;
using SecureCall.Storage.Postgres;

namespace SecureCall.Hosting;

/// <summary>
/// Cluster mode (<see cref="ClusteringMode.Postgres"/>): membership, grain state and reminders through the Orleans
/// ADO.NET providers on PostgreSQL (schema: deploy/postgres, applied by <c>SecureCall.Silo migrate</c>), mutual TLS
/// between processes, and failure detection tuned so a killed silo is declared dead within about two seconds.
/// </summary>
public static class PostgresCluster
{
    /// <summary>The ADO.NET invariant the Orleans providers map to Npgsql.</summary>
    public const string Invariant = "Npgsql";

    public static ISiloBuilder UsePostgresCluster(this ISiloBuilder silo, IConfiguration configuration, HostingOptions hosting, bool openGateway)
    {
        var connectionString = ConnectionString(configuration);
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = hosting.ClusterId;
            cluster.ServiceId = hosting.ServiceId;
        });
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        var gatewayPort = openGateway ? hosting.GatewayPort : 0;
        if (string.IsNullOrWhiteSpace(hosting.AdvertisedAddress))
        {
            silo.ConfigureEndpoints(hosting.SiloPort, gatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            var advertised = IPAddress.TryParse(hosting.AdvertisedAddress, out var address)
                ? address
                : throw new InvalidOperationException($"SecureCall:Hosting:AdvertisedAddress '{hosting.AdvertisedAddress}' is not an IP address.");
            // Loopback (a cluster on one machine) listens on loopback only; anything else on every interface, since the
            // advertised address may belong to a NAT or pod network the process does not see as its own.
            silo.ConfigureEndpoints(advertised, hosting.SiloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        }
        if (!string.IsNullOrWhiteSpace(hosting.SiloName))
        {
            silo.Configure<SiloOptions>(o => o.SiloName = hosting.SiloName);
        }
        FailureDetection.Apply(silo.Services);
        if (ClusterTls.FromConfiguration(configuration) is { } tls)
        {
            silo.UseTls(tls.Configure);
        }
        return silo;
    }

    /// <summary>The stores cluster mode keeps in PostgreSQL: grain state (ADO.NET provider), the audit log and the challenge store.</summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = ConnectionString(configuration);
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.TryAddSingleton<PostgresAuditLog>();
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<PostgresAuditLog>());
        services.TryAddSingleton<IChallengeStore, PostgresChallengeStore>();
        services.AddHostedService(sp => new AuditPartitionMaintenance(
            sp.GetRequiredService<PostgresAuditLog>(), TimeProvider.System, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<AuditPartitionMaintenance>>()));
        foreach (var store in new[] { StorageNames.Users, StorageNames.Calls, StorageNames.Sessions })
        {
            services.AddAdoNetGrainStorage(store, (OptionsBuilder<AdoNetGrainStorageOptions> options) => options.Configure<Serializer>((o, serializer) =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
                // The same binary format as the embedded store: grain state types are Orleans-serializable, not JSON contracts.
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        }
        return services;
    }

    /// <summary>
    /// Connections per pool when the connection string sets none. A silo has two pools (ours and the Orleans
    /// providers'), so it opens at most twice this many; Npgsql's default of 100 per pool let a burst of 64 concurrent
    /// registrations on one silo exhaust PostgreSQL's default max_connections of 100. When the pool is full, requests
    /// wait for a connection (up to the connection string's Timeout) instead of failing.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>
    /// Statements Npgsql prepares per connection when the connection string sets no <c>Max Auto Prepare</c>. The
    /// Orleans providers and our stores send the same few statements as text on every call; unprepared, PostgreSQL
    /// parses and plans each one again (its parser and planner showed in a profile of call signaling load, where
    /// PostgreSQL used a fifth of the machine's CPU).
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;

    public static string ConnectionString(IConfiguration configuration)
    {
        var options = configuration.GetSection(PostgresOptions.SectionName).Get<PostgresOptions>() ?? new PostgresOptions();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException("Cluster mode needs SecureCall:Postgres:ConnectionString (set it from a secret: SecureCall__Postgres__ConnectionString).");
        }
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        // NpgsqlConnectionStringBuilder.ContainsKey answers whether a keyword is known, not whether it was given: look
        // at the keys actually written in the connection string.
        var given = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        if (!given.Overlaps(["maximumpoolsize", "maxpoolsize"]))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }
        if (!given.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }
        return builder.ConnectionString;
    }
}
