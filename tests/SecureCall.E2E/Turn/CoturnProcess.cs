using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using SecureCall.Tests.Shared;

namespace SecureCall.E2E.Turn;

/// <summary>
/// Debian's coturn on 127.0.0.1, started as deployments start it (deploy/coturn/start.sh, the shipped settings in
/// deploy/coturn/turnserver.conf) with what a loopback test needs: its own listening port and relay port range, a fresh
/// shared secret, UDP only, 127.0.0.1 allowed as a peer (both browsers and the relay share it). Configuration and
/// secret in a private temp folder; killed (the script execs turnserver, so this is its process) and removed at the end.
/// </summary>
public sealed class CoturnProcess : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/turnserver";
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _log = new();

    private CoturnProcess(Process process, string directory, IPEndPoint endpoint, string secret, int firstRelayPort)
    {
        FirstRelayPort = firstRelayPort;
        _process = process;
        _directory = directory;
        Endpoint = endpoint;
        Secret = secret;
    }

    /// <summary>Where coturn listens (UDP, 127.0.0.1).</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>The URL browsers are given (SecureCall:IceServers:TurnUrls).</summary>
    public string Url => $"turn:127.0.0.1:{Endpoint.Port}?transport=udp";

    /// <summary>The relay ports coturn hands out: <see cref="FirstRelayPort"/> and the 49 above it.</summary>
    public int FirstRelayPort { get; }

    public int LastRelayPort => FirstRelayPort + 49;

    /// <summary>coturn's static-auth-secret, the host's SecureCall:IceServers:TurnSharedSecret.</summary>
    public string Secret { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<CoturnProcess> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new FileNotFoundException($"{ExecutablePath} is missing: apt-get install coturn", ExecutablePath);
        }
        // Owner-only (mkdtemp): the configuration holds the secret.
        var directory = Directory.CreateTempSubdirectory("securecall-coturn-").FullName;
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var port = FreeUdpPort();
        // A relay range of its own, away from the ephemeral ports the browsers' sockets take (32768-60999).
        var relayBase = 61000 + Random.Shared.Next(0, 90) * 50;
        var secretFile = Path.Combine(directory, "secret");
        await File.WriteAllTextAsync(secretFile, secret);
        // deploy/coturn/start.sh composes the shipped settings with these, as every deployment does.
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "deploy", "coturn", "start.sh"));
        start.Environment["TURN_SECRET_FILE"] = secretFile;
        start.Environment["TURN_STATE_DIR"] = directory;
        start.Environment["TURN_PORT"] = port.ToString();
        start.Environment["TURN_LISTENING_IPS"] = "127.0.0.1";
        start.Environment["TURN_RELAY_IP"] = "127.0.0.1";
        start.Environment["TURN_MIN_PORT"] = relayBase.ToString();
        start.Environment["TURN_MAX_PORT"] = (relayBase + 49).ToString();
        start.Environment["TURN_NO_TCP"] = "1";
        // Both browsers' relayed addresses are 127.0.0.1 here: that loopback address (and only it) is allowed as a peer.
        start.Environment["TURN_ALLOWED_PEER_IPS"] = "127.0.0.1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("deploy/coturn/start.sh did not start");
        var coturn = new CoturnProcess(process, directory, new IPEndPoint(IPAddress.Loopback, port), secret, relayBase);
        process.OutputDataReceived += (_, e) => coturn.Append(e.Data);
        process.ErrorDataReceived += (_, e) => coturn.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await coturn.WaitReadyAsync();
        }
        catch
        {
            await coturn.DisposeAsync();
            throw;
        }
        return coturn;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        await File.WriteAllTextAsync(Path.Combine(Infrastructure.Artifacts.Directory, $"coturn-{Endpoint.Port}.log"), Log);
        Directory.Delete(_directory, recursive: true);
    }

    // Ready when it answers a STUN Binding request.
    private async Task WaitReadyAsync()
    {
        using var client = new TurnClient(Endpoint);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"turnserver exited with {_process.ExitCode}:\n{Log}");
            }
            try
            {
                if (await client.BindingAsync(CancellationToken.None))
                {
                    return;
                }
            }
            catch (TimeoutException)
            {
            }
            catch (SocketException)
            {
            }
        }
        throw new TimeoutException($"turnserver did not answer within 20 s:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreeUdpPort()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }
}
