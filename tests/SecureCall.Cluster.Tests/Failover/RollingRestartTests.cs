using System.Diagnostics;
using SecureCall.Cluster.Tests.Infrastructure;

using SecureCall.Tests.Shared;

namespace SecureCall.Cluster.Tests.Failover;

/// <summary>
/// Every silo restarted, one by one (SIGTERM, wait for it to leave, start it again, wait for it to join), while users
/// keep signing in through both frontends: with a client's usual retries, no request fails.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class RollingRestartTests(PostgresFixture postgres)
{
    private const int RetriesPerRequest = 5;

    [Fact]
    public async Task A_rolling_restart_of_every_silo_fails_no_request_under_light_load()
    {
        await using var cluster = await ProcessCluster.CreateAsync(postgres.Server, "rolling", new Dictionary<string, string?>
        {
            // Every test user comes from 127.0.0.1: lift the per-address and per-user limits that would otherwise be the failure.
            ["SecureCall:Api:SignatureRequestsPerMinutePerIp"] = "100000",
            ["SecureCall:Challenges:ChallengesPerMinutePerUser"] = "100000",
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
        string[] silos = ["silo-1", "silo-2", "silo-3"];
        await Task.WhenAll(silos.Select(cluster.StartSiloAsync));
        await Task.WhenAll(cluster.StartFrontendAsync("frontend-a"), cluster.StartFrontendAsync("frontend-b"));
        Uri[] frontends = [cluster.Frontends["frontend-a"].Url, cluster.Frontends["frontend-b"].Url];
        var users = new List<ClusterUser>();
        for (var i = 0; i < 6; i++)
        {
            users.Add(await ClusterUser.RegisterAsync(frontends[i % 2], $"roller-{i}"));
        }

        using var stop = new CancellationTokenSource();
        var succeeded = 0;
        var retried = 0;
        var failures = new List<string>();
        // Light load: each user signs in every 100 ms through alternating frontends (challenge, signature, token).
        var load = users.Select((user, n) => Task.Run(async () =>
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var frontend = frontends[(n + round) % 2];
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await user.SignInAsync(frontend);
                        Interlocked.Increment(ref succeeded);
                        break;
                    }
                    catch (Exception) when (attempt < RetriesPerRequest)
                    {
                        Interlocked.Increment(ref retried);
                        await Task.Delay(200);
                    }
                    catch (Exception exception)
                    {
                        lock (failures)
                        {
                            failures.Add($"{user.UserId} via {frontend}: {exception.Message}");
                        }
                        break;
                    }
                }
                await Task.Delay(100);
            }
        })).ToArray();

        var clock = Stopwatch.StartNew();
        await Task.Delay(2000);
        foreach (var name in silos)
        {
            var silo = cluster.Silos[name];
            await silo.Process.StopAsync(TimeSpan.FromSeconds(30));
            Assert.True(silo.Process.HasExited, $"{name} did not stop on SIGTERM");
            await cluster.StartSiloAsync(name);
            await Task.Delay(1000);
        }
        await Task.Delay(2000);
        stop.Cancel();
        await Task.WhenAll(load);
        foreach (var user in users)
        {
            await user.DisposeAsync();
        }

        TestContext.Current.TestOutputHelper!.WriteLine(
            $"rolling restart of {silos.Length} silos in {clock.Elapsed.TotalSeconds:F1} s: {succeeded} sign-ins succeeded, {retried} retries, {failures.Count} failed after {RetriesPerRequest} attempts");
        Assert.True(failures.Count == 0, $"{failures.Count} failed, for example:\n{string.Join("\n", failures.Take(5))}");
        Assert.True(succeeded > 50, $"only {succeeded} sign-ins: the load did not run");
    }
}
