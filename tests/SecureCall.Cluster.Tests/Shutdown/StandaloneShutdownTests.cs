using SecureCall.Cluster.Tests.Infrastructure;
using SecureCall.Tests.Shared;

namespace SecureCall.Cluster.Tests.Shutdown;

/// <summary>
/// The standalone host as run.sh starts it (the Release-built SecureCall.WebFrontend.dll with its content root, state in
/// a data directory of SQLite files, the face models of models/out) gets SIGTERM while several users' proof-of-life
/// sessions stream real face frames into it, so frames are being analysed and cues are queued on the deferred cue lane
/// when it stops. It must exit by itself, with code 0, within its shutdown timeout, print no crash, and leave an audit
/// chain that <c>verify-audit</c> finds intact with the signed head checkpoint at the last record (issue 23).
/// </summary>
/// <remarks>
/// In the process-cluster collection and under the machine's process-cluster lock: a host this busy beside a process
/// cluster (of this or another test assembly) would starve both on 2 cores.
/// </remarks>
[Collection(ProcessClusterCollection.Name)]
public sealed class StandaloneShutdownTests
{
    private const int Users = 4;

    [Fact]
    public async Task SIGTERM_with_live_sessions_exits_0_within_the_shutdown_timeout_and_the_head_checkpoint_covers_the_last_record()
    {
        await using var machine = await ProcessCluster.LockMachineAsync(TimeSpan.FromMinutes(15));
        var root = RepositoryRoot.Path;
        var frames = PerformedFrames.Render(root);
        var data = Directory.CreateTempSubdirectory("securecall-shutdown-").FullName;
        try
        {
            var storage = new Dictionary<string, string?>
            {
                ["SecureCall:Storage:DataDirectory"] = data,
                ["Logging:LogLevel:Default"] = "Warning",
            };
            var url = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
            await using var host = DotnetProcess.Start("standalone", "WebFrontend", "SecureCall.WebFrontend",
                ["--urls", url.ToString().TrimEnd('/'), "--contentRoot", Path.Combine(root, "WebFrontend")], Settings(storage, root, frames));
            await host.WaitUntilAnswersAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(180));

            var users = new List<VerifyingUser>();
            try
            {
                for (var i = 0; i < Users; i++)
                {
                    users.Add(await VerifyingUser.StartAsync(url, $"standalone-{i}", frames));
                }
                var signalled = await LiveSessions.TerminateWhileLiveAsync(host, users);
                await ShutdownChecks.AssertExitedCleanlyAsync(host, signalled);
            }
            finally
            {
                foreach (var user in users)
                {
                    await user.DisposeAsync();
                }
            }

            // verify-audit as an operator runs it after the stop: the same host, the same data directory.
            var (code, report) = await DotnetProcess.RunAsync("WebFrontend", "SecureCall.WebFrontend", ["verify-audit"], storage, TimeSpan.FromSeconds(90));
            var last = ShutdownChecks.AssertHeadCheckpointCoversLastRecord(code, report);
            // Registrations, sign-ins and sessions of every user were audited: the stop had records to cover.
            Assert.True(last >= 2 * Users, $"only {last} audit records: the sessions were not audited\n{report}");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static Dictionary<string, string?> Settings(Dictionary<string, string?> storage, string root, PerformedFrames frames)
    {
        var settings = new Dictionary<string, string?>(storage)
        {
            ["SecureCall:Models:ModelDirectory"] = Path.Combine(root, "models", "out"),
            // The co-hosted silo on ports of its own: another host on the machine may hold the defaults.
            ["SecureCall:Hosting:SiloPort"] = FreePorts.Next().ToString(),
            ["SecureCall:Hosting:GatewayPort"] = FreePorts.Next().ToString(),
            ["SecureCall:Passwords:MemoryKiB"] = "1024",
            ["SecureCall:Passwords:Iterations"] = "1",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            // The checkpoints the host signs and its shutdown's steps, for the failure message.
            ["Logging:LogLevel:SecureCall.Grains.Audit"] = "Information",
            ["Logging:LogLevel:SecureCall.Hosting"] = "Information",
        };
        foreach (var (key, value) in LiveSessions.Settings)
        {
            settings[key] = value;
        }
        return settings;
    }
}
