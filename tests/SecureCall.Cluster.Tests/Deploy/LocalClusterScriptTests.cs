using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
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
        // The script's TURN server answered its readiness probe (or start would have failed); the frontends hand out
        // credentials for it, made with the secret the script gave both.
        using var http = new HttpClient { BaseAddress = cluster.Frontends[1] };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/calls/ice-servers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        var cancellation = TestContext.Current.CancellationToken;
        var body = await (await http.SendAsync(request, cancellation)).Content.ReadFromJsonAsync<JsonElement>(cancellation);
        var turn = Assert.Single(body.GetProperty("iceServers").EnumerateArray(), s => s.GetProperty("username").ValueKind == JsonValueKind.String);
        Assert.Contains($"turn:127.0.0.1:{cluster.TurnPort}?transport=udp", turn.GetProperty("urls").EnumerateArray().Select(u => u.GetString()));
        Assert.EndsWith(":restarted-user", turn.GetProperty("username").GetString());
        // Others may at most traverse the state folder (to reach pg/ as postgres); secrets, logs and data are owner-only.
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(cluster.State) & ListOrWrite);
        string[] privateFolders = ["secrets", "logs", "turn", "data-silo-1", "data-frontend-1", "data-frontend-2"];
        Assert.All(privateFolders, f => Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(cluster.State, f))));
        await cluster.RunAsync("stop");
    }
}
