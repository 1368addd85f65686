using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SecureCall.Tests.Shared;

namespace SecureCall.Cluster.Tests.Deploy;

/// <summary>
/// deploy/local-cluster.sh run as a developer runs it, with one silo, its own state folder (a temp folder, never the
/// developer's .local-cluster/) and its own port offset. Disposing stops whatever it started and deletes the state.
/// </summary>
public sealed class LocalClusterScript : IAsyncDisposable
{
    private const int Silos = 1;
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(6);
    private readonly int _offset;
    private bool _started;

    private LocalClusterScript(string state, int offset)
    {
        State = state;
        _offset = offset;
    }

    /// <summary>The folder given as SECURECALL_LOCAL_STATE.</summary>
    public string State { get; }

    /// <summary>The two frontends' URLs, as the script prints them (8081 and 8082 plus the offset).</summary>
    public Uri[] Frontends => [new($"http://127.0.0.1:{8081 + _offset}/"), new($"http://127.0.0.1:{8082 + _offset}/")];

    /// <summary>The script's TURN server (coturn, UDP and TCP).</summary>
    public int TurnPort => 3478 + _offset;

    public static LocalClusterScript Create() =>
        new(Directory.CreateTempSubdirectory("securecall-local-cluster-").FullName, FreeOffset());

    /// <summary>Runs <c>local-cluster.sh <paramref name="command"/></c>; fails with the script's output if it fails.</summary>
    public async Task RunAsync(string command)
    {
        _started |= command == "start";
        var (exitCode, output) = await RunScriptAsync(command);
        Assert.True(exitCode == 0, $"local-cluster.sh {command} exited with {exitCode}:\n{output}\n{Logs()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await RunScriptAsync("stop");
        }
        Directory.Delete(State, recursive: true);
    }

    private async Task<(int ExitCode, string Output)> RunScriptAsync(string command)
    {
        var output = Path.Combine(Path.GetTempPath(), $"securecall-local-cluster-{Guid.NewGuid():N}.out");
        // The script's output goes to a file, not a pipe: the processes it leaves running (PostgreSQL, build servers)
        // would hold a pipe open and a read to its end would never return.
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot.Path };
        foreach (var argument in new[] { "-c", "exec \"$0\" \"$1\" <\"/dev/null\" >\"$2\" 2>&1", Path.Combine(RepositoryRoot.Path, "deploy", "local-cluster.sh"), command, output })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["SECURECALL_LOCAL_STATE"] = State;
        start.Environment["SECURECALL_LOCAL_PORT_BASE"] = _offset.ToString();
        start.Environment["SECURECALL_LOCAL_SILOS"] = Silos.ToString();
        // The test registers and signs in; face models are not used, so the silo need not warm them up.
        start.Environment["SecureCall__Inference__WarmUpAtStart"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        using var limit = new CancellationTokenSource(CommandLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var text = File.Exists(output) ? await File.ReadAllTextAsync(output) : "";
        File.Delete(output);
        return (limit.IsCancellationRequested ? -1 : process.ExitCode, text);
    }

    private string Logs()
    {
        var logs = Path.Combine(State, "logs");
        return !Directory.Exists(logs) ? "" : string.Join("\n", Directory.GetFiles(logs).Order().Select(f =>
        {
            var text = File.ReadAllText(f);
            return $"===== {Path.GetFileName(f)}\n{(text.Length <= 4000 ? text : text[^4000..])}";
        }));
    }

    /// <summary>An offset under which every port the script uses (PostgreSQL, silo, gateway, frontends) is free now.</summary>
    private static int FreeOffset()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            // 55432 + offset stays below 65536; the TURN relay ports (20000 + offset, 100 of them) below the ephemeral range.
            var offset = Random.Shared.Next(100, 9900);
            int[] ports = [55432 + offset, 8081 + offset, 8082 + offset, 3478 + offset, .. Enumerable.Range(1, Silos).SelectMany(i => new[] { 11110 + i + offset, 30000 + i + offset })];
            if (ports.All(IsFree))
            {
                return offset;
            }
        }
        throw new InvalidOperationException("No free port offset for local-cluster.sh found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
