using System.Buffers.Text;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;

namespace SecureCall.Benchmarks;

/// <summary>
/// Signature login under load: each client is a registered ES256 user looping challenge → sign → respond over HTTP.
/// One login = both round trips. Prints throughput and latency percentiles.
/// </summary>
public static class LoginLoadGenerator
{
    public static async Task<int> RunAsync(LoginLoadOptions options)
    {
        await using var server = options.Url is null ? await StandaloneServer.StartAsync(new Dictionary<string, string>
        {
            // One test address and few users: lift the per-IP and per-user limits that would otherwise (rightly) stop this.
            ["SecureCall:Api:SignatureRequestsPerMinutePerIp"] = "100000000",
            ["SecureCall:Challenges:ChallengesPerMinutePerUser"] = "100000000",
        }) : null;
        var url = options.Url ?? server!.Url;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2 }) { BaseAddress = url };

        var users = await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(i => RegisterAsync(http, $"bench-{Guid.NewGuid():N}"[..20] + i)));
        Console.WriteLine($"registered {users.Length} ES256 users against {url}");

        var warmup = new LatencyRecorder(options.Clients);
        await RunPhaseAsync(http, users, warmup, TimeSpan.FromSeconds(options.WarmupSeconds));
        var measured = new LatencyRecorder(options.Clients);
        var errors = new int[1];
        var elapsed = await RunPhaseAsync(http, users, measured, TimeSpan.FromSeconds(options.Seconds), errors);

        var rate = measured.Count / elapsed.TotalSeconds;
        Console.WriteLine($"signature login (challenge + respond, ES256), {options.Clients} concurrent clients, {elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  logins:      {measured.Count} ({errors[0]} errors)");
        Console.WriteLine($"  throughput:  {rate:F0} logins/s   (target >= 1500)");
        Console.WriteLine($"  latency p50: {measured.PercentileMilliseconds(50):F2} ms");
        Console.WriteLine($"  latency p95: {measured.PercentileMilliseconds(95):F2} ms");
        Console.WriteLine($"  latency p99: {measured.PercentileMilliseconds(99):F2} ms   (target <= 20)");
        return 0;
    }

    private static async Task<TimeSpan> RunPhaseAsync(HttpClient http, User[] users, LatencyRecorder recorder, TimeSpan duration, int[]? errors = null)
    {
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(users.Select((user, worker) => Task.Run(async () =>
        {
            while (stopwatch.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                if (await LoginAsync(http, user))
                {
                    recorder.Record(worker, start);
                }
                else if (errors is not null)
                {
                    Interlocked.Increment(ref errors[0]);
                }
            }
        })));
        return stopwatch.Elapsed;
    }

    private static async Task<bool> LoginAsync(HttpClient http, User user)
    {
        using var challengeResponse = await http.PostAsJsonAsync("/api/auth/challenge", new { userId = user.Id });
        if (!challengeResponse.IsSuccessStatusCode)
        {
            return false;
        }
        var challenge = (await challengeResponse.Content.ReadFromJsonAsync<Challenge>())!;
        var signature = user.Sign($"securecall/auth/v1\n{user.Id}\n{challenge.ChallengeId}\n{challenge.Nonce}");
        using var tokenResponse = await http.PostAsJsonAsync("/api/auth/respond", new { challengeId = challenge.ChallengeId, signature });
        return tokenResponse.IsSuccessStatusCode;
    }

    private static async Task<User> RegisterAsync(HttpClient http, string userId)
    {
        var user = new User(userId, ECDsa.Create(ECCurve.NamedCurves.nistP256));
        using var agreement = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var spki = user.Key.ExportSubjectPublicKeyInfo();
        var fingerprint = Base64Url.EncodeToString(SHA256.HashData(spki));
        var challengeResponse = await http.PostAsJsonAsync("/api/users/challenge", new { userId });
        challengeResponse.EnsureSuccessStatusCode();
        var challenge = (await challengeResponse.Content.ReadFromJsonAsync<Challenge>())!;
        var response = await http.PostAsJsonAsync("/api/users", new
        {
            userId,
            displayName = userId,
            signingKey = new { alg = "ES256", spki = Base64Url.EncodeToString(spki) },
            agreementKey = new { spki = Base64Url.EncodeToString(agreement.ExportSubjectPublicKeyInfo()) },
            challengeId = challenge.ChallengeId,
            signature = user.Sign($"securecall/register/v1\n{userId}\n{challenge.ChallengeId}\n{challenge.Nonce}\n{fingerprint}"),
        });
        response.EnsureSuccessStatusCode();
        return user;
    }

    private sealed record Challenge(string ChallengeId, string Nonce);

    private sealed record User(string Id, ECDsa Key)
    {
        public string Sign(string text) => Base64Url.EncodeToString(
            Key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }
}
