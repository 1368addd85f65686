using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.SignalR.Client;
using SecureCall.Cluster.Tests.Infrastructure;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Tests.Shared;
using SecureCall.WebFrontend.Hubs;

namespace SecureCall.Cluster.Tests.Failover;

/// <summary>
/// Real processes on 127.0.0.1: 3 silos and 2 frontends on one PostgreSQL database. Users registered through one
/// frontend call each other through both; the silo holding a call is killed with SIGKILL, in a live call and while a
/// call rings; nothing durable is lost and the audit chain still verifies.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class FailoverTests(PostgresFixture postgres)
{
    private static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Calls_survive_a_killed_silo_and_a_ring_timeout_fires_after_its_silo_died()
    {
        await using var cluster = await ProcessCluster.CreateAsync(postgres.Server, "failover", new Dictionary<string, string?>
        {
            ["SecureCall:Signaling:RequiredAmr"] = "sig",
            ["SecureCall:Signaling:RingTimeout"] = RingTimeout.ToString(),
            ["SecureCall:Signaling:PresenceTimeout"] = "00:00:03",
        });
        try
        {
            await RunAsync(cluster);
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{exception.Message}\n{cluster.Logs()}", exception);
        }
    }

    private static async Task RunAsync(ProcessCluster cluster)
    {
        var output = TestContext.Current.TestOutputHelper!;
        await Task.WhenAll(cluster.StartSiloAsync("silo-1"), cluster.StartSiloAsync("silo-2"), cluster.StartSiloAsync("silo-3"));
        await Task.WhenAll(cluster.StartFrontendAsync("frontend-a"), cluster.StartFrontendAsync("frontend-b"));
        var a = cluster.Frontends["frontend-a"].Url;
        var b = cluster.Frontends["frontend-b"].Url;

        // Registered through frontend A; each signs in through a different frontend than the one it calls through.
        await using var alice = await ClusterUser.RegisterAsync(a, "alice");
        await using var bob = await ClusterUser.RegisterAsync(a, "bob");
        await alice.SignInAsync(a);
        await bob.SignInAsync(b);
        await alice.ConnectAsync(b);
        await bob.ConnectAsync(a);
        var orleans = await cluster.ConnectAsync();

        // A call placed through B rings at A, is answered, and then loses the silo that holds it.
        var callId = NewCallId();
        await alice.Hub!.InvokeAsync<CallSnapshot>("PlaceCall", alice.Offer("bob", callId));
        await bob.NextAsync<RingingSignal>(s => s.CallId == callId, TimeSpan.FromSeconds(20));
        await bob.Hub!.InvokeAsync<CallSnapshot>("AcceptCall", bob.Answer("alice", callId));
        await alice.NextAsync<AnsweredSignal>(s => s.CallId == callId, TimeSpan.FromSeconds(20));
        var holder = await SiloOfAsync(cluster, orleans, callId);
        var killed = Stopwatch.StartNew();
        cluster.Silos[holder].Process.Kill();

        var declaredDead = await TimeUntilAsync(() => cluster.IsDeadAsync(cluster.Silos[holder].SiloPort), TimeSpan.FromSeconds(30));
        // The grain comes back elsewhere with its state: the live call can still be hung up, and bob hears of it.
        var snapshot = await RetryAsync(() => alice.Hub!.InvokeAsync<CallSnapshot>("HangUp", new HangUpRequest(callId, "done")));
        var failover = killed.Elapsed;
        Assert.Equal(CallState.Ended, snapshot.State);
        await bob.NextAsync<CallStateSignal>(s => s.CallId == callId && s.State == CallState.Ended, TimeSpan.FromSeconds(20));
        Assert.NotEqual(holder, await SiloOfAsync(cluster, orleans, callId));
        output.WriteLine($"kill -9 of {holder}: declared dead after {declaredDead.TotalSeconds:F2} s; first call on the moved grain answered after {failover.TotalSeconds:F2} s");

        // A call that rings while its silo is killed is still missed on time: the ring deadline is a reminder in PostgreSQL.
        var ringing = NewCallId();
        var placed = Stopwatch.StartNew();
        await RetryAsync(() => bob.Hub!.InvokeAsync<CallSnapshot>("PlaceCall", bob.Offer("alice", ringing)));
        await alice.NextAsync<RingingSignal>(s => s.CallId == ringing, TimeSpan.FromSeconds(20));
        var ringHolder = await SiloOfAsync(cluster, orleans, ringing);
        cluster.Silos[ringHolder].Process.Kill();
        var missed = await bob.NextAsync<CallStateSignal>(s => s.CallId == ringing && s.State is not CallState.Ringing, RingTimeout + TimeSpan.FromSeconds(45));
        Assert.Equal(CallState.Missed, missed.State);
        output.WriteLine($"ring timeout {RingTimeout.TotalSeconds:F0} s with its silo ({ringHolder}) killed while ringing: missed after {placed.Elapsed.TotalSeconds:F1} s");

        // Nothing durable was lost: both users still sign in with their keys, and the audit chain verifies.
        await alice.SignInAsync(b);
        await bob.SignInAsync(a);
        var (verified, report) = await cluster.RunSiloCommandAsync("verify-audit", TimeSpan.FromSeconds(60));
        Assert.True(verified == 0 && report.Contains("OK", StringComparison.Ordinal), "verify-audit:\n" + report);
        // It names the database it checked, the cluster's PostgreSQL, not a SQLite file it never used.
        Assert.Contains("Audit log in PostgreSQL database ", report);
    }

    private static async Task<string> SiloOfAsync(ProcessCluster cluster, IClusterClient orleans, string callId)
    {
        var address = await RetryAsync<SiloAddress?>(() => orleans.GetGrain<IManagementGrain>(0).GetActivationAddress(orleans.GetGrain<ICallGrain>(callId)).AsTask());
        Assert.NotNull(address);
        return cluster.SiloNameOf(address);
    }

    /// <summary>What a client does when a silo dies under it: try again, a few times, with a short pause.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task<TimeSpan> TimeUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"not within {timeout.TotalSeconds:F0} s");
            await Task.Delay(50);
        }
        return clock.Elapsed;
    }

    private static string NewCallId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
