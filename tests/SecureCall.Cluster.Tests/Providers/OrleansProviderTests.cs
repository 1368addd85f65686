using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;
using SecureCall.Cluster.Tests.Infrastructure;
using SecureCall.Grains.Storage;

using SecureCall.Tests.Shared;

namespace SecureCall.Cluster.Tests.Providers;

/// <summary>The Orleans 10.4.2 ADO.NET providers on our own schema scripts, with mutual TLS between the processes.</summary>
public sealed class OrleansProviderTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Two_silos_form_a_cluster_and_a_client_with_a_cluster_certificate_reaches_grains()
    {
        await using var cluster = await InProcessCluster.CreateAsync(postgres.Server, "forms");
        await cluster.StartSiloAsync("silo-a");
        await cluster.StartSiloAsync("silo-b");
        var client = (await cluster.StartClientAsync(cluster.Secrets.SettingsFor("frontend"))).Services.GetRequiredService<IClusterClient>();

        var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(true, TestContext.Current.CancellationToken);
        Assert.Equal(2, hosts.Count);

        // Grains spread over both silos, and each keeps its state.
        var silos = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            var grain = client.GetGrain<IProbeCounterGrain>($"spread-{i}");
            Assert.Equal(1, await grain.IncrementAsync());
            silos.Add(await grain.SiloAsync());
        }
        Assert.Equal(2, silos.Count);
    }

    [Fact]
    public async Task State_survives_its_silo_and_a_stale_etag_is_refused()
    {
        await using var cluster = await InProcessCluster.CreateAsync(postgres.Server, "state");
        var a = await cluster.StartSiloAsync("silo-a");
        var b = await cluster.StartSiloAsync("silo-b");
        var client = (await cluster.StartClientAsync(cluster.Secrets.SettingsFor("frontend"))).Services.GetRequiredService<IClusterClient>();

        var grain = client.GetGrain<IProbeCounterGrain>("survivor");
        await grain.IncrementAsync();
        await grain.IncrementAsync();
        var first = await grain.SiloAsync();
        var (holder, other) = first == a.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString() ? (a, b) : (b, a);
        await cluster.StopAsync(holder);

        Assert.Equal(2, await grain.GetAsync());
        Assert.Equal(other.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString(), await grain.SiloAsync());

        // The provider's optimistic concurrency, seen directly: a write with an old ETag is refused, nothing is overwritten.
        var storage = other.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Calls);
        var id = GrainId.Create("etag-probe", "one");
        GrainState<ProbeCounterState> fresh = new(new ProbeCounterState { Count = 1 });
        await storage.WriteStateAsync("probe-counter", id, fresh);
        var stale = new GrainState<ProbeCounterState>(new ProbeCounterState { Count = 99 }) { ETag = fresh.ETag };
        fresh.State!.Count = 2;
        await storage.WriteStateAsync("probe-counter", id, fresh);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("probe-counter", id, stale));
        var second = new GrainState<ProbeCounterState>(new ProbeCounterState { Count = 7 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("probe-counter", id, second));
        var read = new GrainState<ProbeCounterState>();
        await storage.ReadStateAsync("probe-counter", id, read);
        Assert.Equal(2, read.State!.Count);
    }

    [Fact]
    public async Task A_database_that_refuses_connections_is_a_typed_retryable_refusal_and_nothing_is_half_written()
    {
        await using var cluster = await InProcessCluster.CreateAsync(postgres.Server, "outage");
        await cluster.StartSiloAsync("silo-a");
        var client = (await cluster.StartClientAsync(cluster.Secrets.SettingsFor("frontend"))).Services.GetRequiredService<IClusterClient>();
        var grain = client.GetGrain<IProbeCounterGrain>("outage");
        Assert.Equal(1, await grain.IncrementAsync());
        var database = cluster.ConnectionString.Split(';').First(p => p.StartsWith("Database=", StringComparison.Ordinal))["Database=".Length..];

        // An outage as the silo sees it: new connections refused, open ones cut.
        await postgres.Server.PsqlAsync(postgres.Server.AdminConnectionString,
            $"ALTER DATABASE {database} ALLOW_CONNECTIONS false; SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{database}'");
        try
        {
            var refused = await Assert.ThrowsAsync<SecureCall.Grains.Interfaces.Errors.SecureCallException>(() => grain.IncrementAsync());
            Assert.Equal(SecureCall.Grains.Interfaces.Errors.FailureCode.StorageUnavailable, refused.Code);
        }
        finally
        {
            await postgres.Server.PsqlAsync(postgres.Server.AdminConnectionString, $"ALTER DATABASE {database} ALLOW_CONNECTIONS true");
        }

        // Back: the refused write left nothing behind, and the next one goes through.
        await grain.DeactivateForTestAsync();
        Assert.Equal(2, await grain.IncrementAsync());
    }

    [Fact]
    public async Task A_reminder_fires()
    {
        await using var cluster = await InProcessCluster.CreateAsync(postgres.Server, "reminders");
        await cluster.StartSiloAsync("silo-a");
        var client = (await cluster.StartClientAsync(cluster.Secrets.SettingsFor("frontend"))).Services.GetRequiredService<IClusterClient>();
        var grain = client.GetGrain<IProbeCounterGrain>("reminded");

        await grain.RemindOnceAsync(TimeSpan.FromSeconds(1));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await grain.RemindersFiredAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        Assert.Equal(1, await grain.RemindersFiredAsync());
    }

    [Fact]
    public async Task A_client_without_a_cluster_certificate_is_refused()
    {
        await using var cluster = await InProcessCluster.CreateAsync(postgres.Server, "mtls");
        var silo = await cluster.StartSiloAsync("silo-a");
        var gateway = silo.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.GatewayPort;

        // No TLS at all: a plain Orleans client, as the hostile review used against the standalone gateway. Orleans
        // retries a failed gateway for minutes before giving up, so the test gives it 15 s to get a single grain call through.
        var plain = cluster.Secrets.SettingsFor("plain");
        plain["SecureCall:Hosting:Tls:Disabled"] = "true";
        await Assert.ThrowsAnyAsync<Exception>(() => cluster.StartClientAsync(plain, TimeSpan.FromSeconds(15)));

        // TLS with a certificate the cluster CA did not issue, and TLS without any client certificate: the handshake itself fails.
        var (foreignCertificate, foreignKey) = cluster.Secrets.Issue("intruder", foreign: true);
        using var foreign = X509Certificate2.CreateFromPemFile(foreignCertificate, foreignKey);
        Assert.False(await TlsHandshakeSucceedsAsync(gateway, foreign));
        Assert.False(await TlsHandshakeSucceedsAsync(gateway, null));

        // The same silo accepts a cluster certificate, at the TLS level and as an Orleans client: the refusals were about the certificate.
        var (ownCertificate, ownKey) = cluster.Secrets.Issue("operator");
        using var own = X509Certificate2.CreateFromPemFile(ownCertificate, ownKey);
        Assert.True(await TlsHandshakeSucceedsAsync(gateway, own));
        var client = (await cluster.StartClientAsync(cluster.Secrets.SettingsFor("frontend"))).Services.GetRequiredService<IClusterClient>();
        Assert.Equal(1, await client.GetGrain<IProbeCounterGrain>("allowed").IncrementAsync());
    }

    /// <summary>
    /// A TLS 1.3 handshake with the gateway, presenting <paramref name="certificate"/>, then one read: a server that
    /// refuses the client certificate closes the connection right after the handshake (TLS 1.3 sends the client's
    /// certificate after the server's Finished), so success means the connection is still open after it.
    /// </summary>
    private static async Task<bool> TlsHandshakeSucceedsAsync(int port, X509Certificate2? certificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "silo",
                ClientCertificates = certificate is null ? null : [certificate],
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
            }, TestContext.Current.CancellationToken);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var buffer = new byte[1];
            var read = await tls.ReadAsync(buffer, wait.Token);
            // The gateway speaks only after the client's preamble: any read result means the server ended the connection.
            return read > 0;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException)
        {
            return false;
        }
    }
}
