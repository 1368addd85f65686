using System.Buffers.Text;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SecureCall.Benchmarks;

/// <summary>
/// Signature login under load: each client is a registered ES256 user doing challenge → sign → respond over HTTP.
/// One login = both round trips. Open loop (<c>--rate</c>) or closed loop; prints throughput and latency percentiles.
/// The client side is kept lean (one <see cref="LeanHttpConnection"/> per client, responses read with
/// <see cref="Utf8JsonReader"/>) because it shares the machine's two cores with the server it measures; the CPU
/// time both sides spend per login is printed, so how the cores were shared is on record.
/// </summary>
public static class LoginLoadGenerator
{
    public static async Task<int> RunAsync(LoginLoadOptions options)
    {
        await using var server = options.Url is null ? await StandaloneServer.StartAsync(new Dictionary<string, string>
        {
            // One test address and few users: lift the per-IP and per-user limits that would otherwise (rightly) stop this.
            ["SecureCall:Api:SignatureRequestsPerMinutePerIp"] = "100000000",
            ["SecureCall:Api:PasswordRequestsPerMinutePerIp"] = "100000000",
            ["SecureCall:Challenges:ChallengesPerMinutePerUser"] = "100000000",
        }) : null;
        var url = options.Url ?? server!.Url;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2 }) { BaseAddress = url };

        var users = await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(i => RegisterAsync(http, url, $"bench-{Guid.NewGuid():N}"[..20] + i)));
        Console.WriteLine($"registered {users.Length} ES256 users against {url}");
        Func<TimeSpan>? serverCpu = server is not null ? () => server.ProcessorTime
            : options.ServerProcessId is { } pid ? () => ProcessCpu(pid) : null;

        await RunPhaseAsync(users, options, TimeSpan.FromSeconds(options.WarmupSeconds));
        var serverCpuBefore = serverCpu?.Invoke();
        var ownCpuBefore = ProcessCpu(Environment.ProcessId);
        var result = await RunPhaseAsync(users, options, TimeSpan.FromSeconds(options.Seconds));
        var ownCpu = ProcessCpu(Environment.ProcessId) - ownCpuBefore;
        var serverCpuUsed = serverCpu?.Invoke() - serverCpuBefore;
        foreach (var user in users)
        {
            user.Connection.Dispose();
        }

        var loop = options.Rate > 0 ? $"open loop at {options.Rate:F0} logins/s offered" : "closed loop";
        Console.WriteLine($"signature login (challenge + respond, ES256), {options.Clients} concurrent clients, {loop}, {result.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  logins:      {result.FromSchedule.Count} ({result.Errors} errors)");
        Console.WriteLine($"  throughput:  {result.FromSchedule.Count / result.Elapsed.TotalSeconds:F0} logins/s   (target >= 1500)");
        if (options.Rate > 0)
        {
            Console.WriteLine("  latency from each login's scheduled start (includes any queue in front of it):");
        }
        Print(result.FromSchedule);
        if (options.Rate > 0)
        {
            Console.WriteLine("  latency from the first request actually sent:");
            Print(result.FromSend);
        }
        var logins = Math.Max(1, result.FromSchedule.Count);
        var serverShare = serverCpuUsed is { } used ? $"server {used.TotalMilliseconds / logins:F3} ms, " : "";
        Console.WriteLine($"  CPU per login: {serverShare}load generator {ownCpu.TotalMilliseconds / logins:F3} ms "
            + $"({Environment.ProcessorCount} cores, {result.Elapsed.TotalSeconds:F1} s)");
        return 0;
    }

    private static TimeSpan ProcessCpu(int processId)
    {
        using var process = System.Diagnostics.Process.GetProcessById(processId);
        return process.TotalProcessorTime;
    }

    private static void Print(LatencyRecorder latencies)
    {
        Console.WriteLine($"  latency p50: {latencies.PercentileMilliseconds(50):F2} ms");
        Console.WriteLine($"  latency p95: {latencies.PercentileMilliseconds(95):F2} ms");
        Console.WriteLine($"  latency p99: {latencies.PercentileMilliseconds(99):F2} ms   (target <= 20)");
        Console.WriteLine($"  latency max: {latencies.PercentileMilliseconds(100):F2} ms");
    }

    private sealed record PhaseResult(TimeSpan Elapsed, LatencyRecorder FromSchedule, LatencyRecorder FromSend, int Errors);

    private static async Task<PhaseResult> RunPhaseAsync(User[] users, LoginLoadOptions options, TimeSpan duration)
    {
        var fromSchedule = new LatencyRecorder(users.Length);
        var fromSend = new LatencyRecorder(users.Length);
        var errors = 0;
        // Open loop: client i starts a login every Clients/Rate seconds, the clients' schedules evenly interleaved.
        var interval = options.Rate > 0 ? (long)(Stopwatch.Frequency * users.Length / options.Rate) : 0;
        var phaseStart = Stopwatch.GetTimestamp();
        var phaseEnd = phaseStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(users.Select((user, worker) => Task.Run(async () =>
        {
            var due = phaseStart + interval * worker / users.Length;
            while (due < phaseEnd && Stopwatch.GetTimestamp() < phaseEnd)
            {
                var scheduled = interval > 0 ? due : Stopwatch.GetTimestamp();
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
                var sent = Stopwatch.GetTimestamp();
                if (await LoginAsync(user))
                {
                    var done = Stopwatch.GetTimestamp();
                    fromSchedule.RecordElapsed(worker, done - scheduled);
                    fromSend.RecordElapsed(worker, done - sent);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
                due += interval;
            }
        })));
        return new PhaseResult(Stopwatch.GetElapsedTime(phaseStart), fromSchedule, fromSend, errors);
    }

    private static async Task<bool> LoginAsync(User user)
    {
        try
        {
            var (status, body) = await user.Connection.PostAsync("/api/auth/challenge", user.ChallengeRequest);
            if (status != 200)
            {
                return false;
            }
            var (challengeId, nonce) = ReadChallenge(body.Span);
            var signature = user.Sign($"securecall/auth/v1\n{user.Id}\n{challengeId}\n{nonce}");
            // Every value written here is base64url: nothing needs JSON escaping.
            (status, body) = await user.Connection.PostAsync("/api/auth/respond",
                Encoding.UTF8.GetBytes($$"""{"challengeId":"{{challengeId}}","signature":"{{signature}}"}"""));
            return status == 200 && body.Span.IndexOf("\"token\":\"ey"u8) >= 0;
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or System.Net.Sockets.SocketException)
        {
            Console.Error.WriteLine($"login of {user.Id} failed: {exception.Message}");
            return false;
        }
    }

    private static (string ChallengeId, string Nonce) ReadChallenge(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        string? challengeId = null, nonce = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }
            if (reader.ValueTextEquals("challengeId"u8))
            {
                reader.Read();
                challengeId = reader.GetString();
            }
            else if (reader.ValueTextEquals("nonce"u8))
            {
                reader.Read();
                nonce = reader.GetString();
            }
        }
        return (challengeId ?? throw new InvalidDataException("challenge response lacks challengeId"),
            nonce ?? throw new InvalidDataException("challenge response lacks nonce"));
    }

    private static async Task<User> RegisterAsync(HttpClient http, Uri server, string userId)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var user = new User(userId, key, await LeanHttpConnection.OpenAsync(server));
        using var agreement = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var spki = user.Key.ExportSubjectPublicKeyInfo();
        var fingerprint = Base64Url.EncodeToString(SHA256.HashData(spki));
        var challengeResponse = await http.PostAsJsonAsync("/api/users/challenge", new { userId });
        challengeResponse.EnsureSuccessStatusCode();
        var (challengeId, nonce) = ReadChallenge(await challengeResponse.Content.ReadAsByteArrayAsync());
        var response = await http.PostAsJsonAsync("/api/users", new
        {
            userId,
            displayName = userId,
            signingKey = new { alg = "ES256", spki = Base64Url.EncodeToString(spki) },
            agreementKey = new { spki = Base64Url.EncodeToString(agreement.ExportSubjectPublicKeyInfo()) },
            challengeId,
            signature = user.Sign($"securecall/register/v1\n{userId}\n{challengeId}\n{nonce}\n{fingerprint}"),
        });
        response.EnsureSuccessStatusCode();
        return user;
    }

    private sealed record User(string Id, ECDsa Key, LeanHttpConnection Connection)
    {
        public byte[] ChallengeRequest { get; } = Encoding.UTF8.GetBytes($$"""{"userId":"{{Id}}"}""");

        public string Sign(string text) => Base64Url.EncodeToString(
            Key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }
}
