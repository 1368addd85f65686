using SecureCall.Cluster.Tests.Infrastructure;
using SecureCall.Tests.Shared;

namespace SecureCall.Cluster.Tests.Deploy;

/// <summary>
/// deploy/local-cluster.sh start, stop, start: the second start finds its database and secrets again (as root too,
/// where PostgreSQL runs as the postgres user inside the state folder), and the state folder stays private.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class LocalClusterScriptTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode ListOrWrite = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_user_registered_before_a_restart_signs_in_after_it()
    {
        // The script's cluster is a process cluster like any other: never beside another one on this machine.
        await using var machine = await ProcessCluster.LockMachineAsync(TimeSpan.FromMinutes(15));
        await using var cluster = LocalClusterScript.Create();

        await cluster.RunAsync("start");
        await using var user = await ClusterUser.RegisterAsync(cluster.Frontends[0], "restarted-user");
        await cluster.RunAsync("stop");
        await cluster.RunAsync("start");

        await user.SignInAsync(cluster.Frontends[1]);
        Assert.NotEmpty(user.Token);
        // Others may at most traverse the state folder (to reach pg/ as postgres); secrets, logs and data are owner-only.
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(cluster.State) & ListOrWrite);
        string[] privateFolders = ["secrets", "logs", "data-silo-1", "data-frontend-1", "data-frontend-2"];
        Assert.All(privateFolders, f => Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(cluster.State, f))));
        await cluster.RunAsync("stop");
    }
}
