using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Dashboard;
using SecureCall.Options;

namespace SecureCall.Hosting;

/// <summary>
/// A web frontend in cluster mode is an Orleans client: it finds gateways in the PostgreSQL membership table, talks
/// to them over mutual TLS, and keeps retrying while no silo is up (start order does not matter).
/// </summary>
public static class ClusterClient
{
    /// <summary>How often the client re-reads the gateway list, so a silo that left or joined is noticed.</summary>
    public static readonly TimeSpan GatewayListRefresh = TimeSpan.FromSeconds(2);

    /// <param name="client">The client being built.</param>
    /// <param name="configuration">The host's configuration (<c>SecureCall:Hosting</c>, <c>SecureCall:Postgres</c>).</param>
    /// <param name="retryUntilConnected">Keep trying to connect while no gateway answers (a frontend waits for its silos); false fails at once.</param>
    public static IClientBuilder UseSecureCallCluster(this IClientBuilder client, IConfiguration configuration, bool retryUntilConnected = true)
    {
        var hosting = configuration.GetSection(HostingOptions.SectionName).Get<HostingOptions>() ?? new HostingOptions();
        var connectionString = PostgresCluster.ConnectionString(configuration);
        client.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = hosting.ClusterId;
            cluster.ServiceId = hosting.ServiceId;
        });
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresCluster.Invariant;
            o.ConnectionString = connectionString;
        });
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefresh);
        // A request sent through a gateway that died just then gets no answer: fail it after 15 s (not Orleans' 30 s),
        // so the caller's retry reaches a live gateway sooner.
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
        if (retryUntilConnected)
        {
            client.UseConnectionRetryFilter(async (exception, cancellation) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                return true;
            });
        }
        if (configuration.GetSection(AdminDashboardOptions.SectionName).Get<AdminDashboardOptions>() is { Enabled: true })
        {
            // The frontend serves the dashboard; the silos collect its statistics (they enable it from the same option).
            client.AddDashboard();
        }
        if (ClusterTls.FromConfiguration(configuration) is { } tls)
        {
            client.UseTls(tls.Configure);
        }
        return client;
    }
}
