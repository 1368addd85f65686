using SecureCall.Cluster.Tests.Infrastructure;
using SecureCall.Tests.Shared;

namespace SecureCall.Cluster.Tests.Shutdown;

/// <summary>
/// A headless silo in cluster mode (PostgreSQL, mutual TLS, a web frontend in front of it) gets SIGTERM while users'
/// proof-of-life sessions live on it and stream real face frames through the frontend: its face models and deferred cue
/// lane are at work when it stops. It must exit by itself, with code 0, within its shutdown timeout, print no crash,
/// and leave the cluster's audit chain intact with the signed head checkpoint at the last record (issue 23).
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class SiloShutdownTests(PostgresFixture postgres)
{
    private const int Users = 3;

    [Fact]
    public async Task SIGTERM_to_a_silo_with_live_sessions_exits_0_within_the_shutdown_timeout_and_the_head_checkpoint_covers_the_last_record()
    {
        var frames = PerformedFrames.Render(RepositoryRoot.Path);
        var settings = new Dictionary<string, string?>(LiveSessions.Settings)
        {
            // The checkpoints the silo signs and its shutdown's steps, for the failure message.
            ["Logging:LogLevel:SecureCall.Grains.Audit"] = "Information",
            ["Logging:LogLevel:SecureCall.Hosting"] = "Information",
        };
        await using var cluster = await ProcessCluster.CreateAsync(postgres.Server, "shutdown", settings);
        try
        {
            await RunAsync(cluster, frames);
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{exception.Message}\n{cluster.Logs()}", exception);
        }
    }

    private static async Task RunAsync(ProcessCluster cluster, PerformedFrames frames)
    {
        var silo = await cluster.StartSiloAsync("silo-1");
        var frontend = await cluster.StartFrontendAsync("frontend-a");
        var users = new List<VerifyingUser>();
        try
        {
            for (var i = 0; i < Users; i++)
            {
                users.Add(await VerifyingUser.StartAsync(frontend.Url, $"clustered-{i}", frames));
            }
            // The only silo: every session grain, and the inference behind it, is on it.
            var signalled = await LiveSessions.TerminateWhileLiveAsync(silo.Process, users);
            await ShutdownChecks.AssertExitedCleanlyAsync(silo.Process, signalled);
        }
        finally
        {
            foreach (var user in users)
            {
                await user.DisposeAsync();
            }
        }

        // The frontend is left running on purpose. In cluster mode every audit record is appended by a grain (the
        // frontend's own refusals go through the audit grain too), so with the only silo gone nothing can append:
        // the last record is one the silo wrote, and its shutdown checkpoint must cover it. Were the frontend able to
        // write behind the silo's back, verifying beside it would show that as a record after the head. (With more
        // silos the others would go on appending and signing their own checkpoints; the head would then say nothing
        // about this silo's stop, which is why the cluster has one silo.)
        Assert.False(frontend.Process.HasExited, $"the frontend exited with the silo ({(frontend.Process.HasExited ? frontend.Process.ExitCode : 0)}):\n{frontend.Process.Log}");
        var (code, report) = await cluster.RunSiloCommandAsync("verify-audit", TimeSpan.FromSeconds(90));
        var last = ShutdownChecks.AssertHeadCheckpointCoversLastRecord(code, report);
        Assert.Contains("Audit log in PostgreSQL database ", report);
        Assert.True(last >= 2 * Users, $"only {last} audit records: the sessions were not audited\n{report}");
    }
}
