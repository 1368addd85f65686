using System.Buffers.Text;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging.Abstractions;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Security.Tokens;
using SecureCall.Tests.Shared;
using SecureCall.WebFrontend.Hubs;

namespace SecureCall.Benchmarks;

/// <summary>
/// Call signaling under load: N caller/callee pairs, each on its own SignalR connection to one standalone host,
/// run calls through their whole life (signed offer → ringing → signed answer → candidate → hang-up) in a loop.
/// Reports offer→callee relay latency and completed call set-ups per second.
/// </summary>
public static class CallLoadGenerator
{
    public static async Task<int> RunAsync(CallLoadOptions options)
    {
        ThreadPool.SetMinThreads(Math.Max(64, options.Calls / 4), 64);
        await using var server = options.Url is not null ? null : await StandaloneServer.StartAsync(new Dictionary<string, string>
        {
            ["SecureCall:Api:SignatureRequestsPerMinutePerIp"] = "100000000",
            ["SecureCall:Api:PasswordRequestsPerMinutePerIp"] = "100000000",
            ["SecureCall:Signaling:CallsPerMinutePerUser"] = "100000000",
            ["SecureCall:Challenges:ChallengesPerMinutePerUser"] = "100000000",
        });
        var callerUrl = options.Url ?? server!.Url;
        var calleeUrl = options.CalleeUrl ?? callerUrl;
        using var http = new HttpClient { BaseAddress = callerUrl };
        var issuer = options.TokenKeyDirectory is { } keys ? ServerTokens.IssuerForKeyDirectory(keys) : ServerTokens.IssuerFor(server!.DataDirectory);

        var run = Guid.NewGuid().ToString("N")[..6];
        var pairs = new List<(Party Caller, Party Callee)>();
        for (var i = 0; i < options.Calls; i += 50)
        {
            var batch = await Task.WhenAll(Enumerable.Range(i, Math.Min(50, options.Calls - i)).Select(async n =>
                (await Party.CreateAsync(http, callerUrl, issuer, $"c{run}-{n}"), await Party.CreateAsync(http, calleeUrl, issuer, $"r{run}-{n}"))));
            pairs.AddRange(batch);
        }
        Console.WriteLine($"{pairs.Count} caller/callee pairs registered and connected ({pairs.Count * 2} SignalR connections): callers on {callerUrl}, callees on {calleeUrl}");

        var hold = TimeSpan.FromSeconds(options.HoldSeconds);
        await RunPhaseAsync(pairs, TimeSpan.FromSeconds(options.WarmupSeconds), hold, new LatencyRecorder(pairs.Count), new LatencyRecorder(pairs.Count));
        var relay = new LatencyRecorder(pairs.Count);
        var setup = new LatencyRecorder(pairs.Count);
        var (elapsed, errors) = await RunPhaseAsync(pairs, TimeSpan.FromSeconds(options.Seconds), hold, relay, setup);

        Console.WriteLine($"call signaling, {pairs.Count} concurrent calls, each held {options.HoldSeconds:F1} s, {elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  calls set up:         {setup.Count} ({errors} errors)");
        Console.WriteLine($"  set-ups/s:            {setup.Count / elapsed.TotalSeconds:F0}   (target >= 500)");
        Console.WriteLine($"  offer->callee p50:    {relay.PercentileMilliseconds(50):F2} ms");
        Console.WriteLine($"  offer->callee p99:    {relay.PercentileMilliseconds(99):F2} ms   (target <= 10)");
        Console.WriteLine($"  place->answered p50:  {setup.PercentileMilliseconds(50):F2} ms");
        Console.WriteLine($"  place->answered p99:  {setup.PercentileMilliseconds(99):F2} ms");
        foreach (var (caller, callee) in pairs)
        {
            await caller.DisposeAsync();
            await callee.DisposeAsync();
        }
        return 0;
    }

    private static async Task<(TimeSpan Elapsed, int Errors)> RunPhaseAsync(
        List<(Party Caller, Party Callee)> pairs, TimeSpan duration, TimeSpan hold, LatencyRecorder relay, LatencyRecorder setup)
    {
        var errors = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(pairs.Select((pair, worker) => Task.Run(async () =>
        {
            // Spread held calls over the hold period, so set-ups arrive steadily rather than in one burst.
            await Task.Delay(hold * Random.Shared.NextDouble());
            while (stopwatch.Elapsed < duration)
            {
                try
                {
                    await OneCallAsync(pair.Caller, pair.Callee, worker, hold, relay, setup);
                }
                catch (Exception exception)
                {
                    if (Interlocked.Increment(ref errors) <= 3)
                    {
                        Console.Error.WriteLine($"call failed: {exception.Message}");
                    }
                }
            }
        })));
        return (stopwatch.Elapsed, errors);
    }

    private static async Task OneCallAsync(Party caller, Party callee, int worker, TimeSpan hold, LatencyRecorder relay, LatencyRecorder setup)
    {
        var callId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var start = Stopwatch.GetTimestamp();
        var place = caller.Hub.InvokeAsync<CallSnapshot>("PlaceCall", caller.Offer(callee.UserId, callId));
        var ringing = await callee.NextAsync<RingingSignal>(s => s.CallId == callId);
        relay.Record(worker, start);
        var placed = await place;
        if (placed.State != CallState.Ringing)
        {
            throw new InvalidOperationException($"call {callId} is {placed.State}: {placed.Reason}");
        }
        await callee.Hub.InvokeAsync<CallSnapshot>("AcceptCall", callee.Answer(caller.UserId, callId));
        await caller.NextAsync<AnsweredSignal>(s => s.CallId == callId);
        setup.Record(worker, start);
        await caller.Hub.InvokeAsync("SendCandidate", new CandidateRequest(callId, "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", "0", 0));
        await callee.NextAsync<CandidateSignal>(s => s.CallId == callId);
        if (hold > TimeSpan.Zero)
        {
            await Task.Delay(hold);
        }
        await caller.Hub.InvokeAsync<CallSnapshot>("HangUp", new HangUpRequest(callId, "done"));
        await callee.NextAsync<CallStateSignal>(s => s.CallId == callId && s.State == CallState.Ended);
    }

    private sealed class Party : IAsyncDisposable
    {
        private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        private readonly Channel<CallSignal> _signals = Channel.CreateUnbounded<CallSignal>();
        private readonly string _fingerprint = SignedCallRequests.NewFingerprint();

        private Party(string userId) => UserId = userId;

        public string UserId { get; }
        public HubConnection Hub { get; private set; } = null!;

        public static async Task<Party> CreateAsync(HttpClient http, Uri server, TokenIssuer issuer, string userId)
        {
            var party = new Party(userId);
            await party.RegisterAsync(http);
            var token = issuer.Issue(userId, ["sig", "live", "face"], new Dictionary<string, object> { ["score"] = 0.9 }).Token;
            party.Hub = new HubConnectionBuilder()
                .WithUrl(new Uri(server, "hubs/calls"), o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                })
                .Build();
            party.Hub.On<RingingSignal>("Ringing", s => party._signals.Writer.TryWrite(s));
            party.Hub.On<AnsweredSignal>("Answered", s => party._signals.Writer.TryWrite(s));
            party.Hub.On<CandidateSignal>("Candidate", s => party._signals.Writer.TryWrite(s));
            party.Hub.On<CallStateSignal>("CallState", s => party._signals.Writer.TryWrite(s));
            await party.Hub.StartAsync();
            await party.Hub.InvokeAsync<string>("WhoAmI");
            return party;
        }

        public PlaceCallRequest Offer(string calleeId, string callId) => SignedCallRequests.Offer(Sign, UserId, calleeId, callId, _fingerprint);

        public AcceptCallRequest Answer(string callerId, string callId) => SignedCallRequests.Answer(Sign, UserId, callerId, callId, _fingerprint);

        public async Task<T> NextAsync<T>(Func<T, bool> match) where T : CallSignal
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                if (await _signals.Reader.ReadAsync(timeout.Token) is T wanted && match(wanted))
                {
                    return wanted;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Hub.DisposeAsync();
            _key.Dispose();
        }

        private string Sign(string text) => Base64Url.EncodeToString(
            _key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        private async Task RegisterAsync(HttpClient http)
        {
            using var agreement = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            var spki = _key.ExportSubjectPublicKeyInfo();
            var fingerprint = Base64Url.EncodeToString(SHA256.HashData(spki));
            var challengeResponse = await http.PostAsJsonAsync("/api/users/challenge", new { userId = UserId });
            challengeResponse.EnsureSuccessStatusCode();
            var challenge = (await challengeResponse.Content.ReadFromJsonAsync<ChallengeBody>())!;
            var response = await http.PostAsJsonAsync("/api/users", new
            {
                userId = UserId,
                displayName = UserId,
                signingKey = new { alg = "ES256", spki = Base64Url.EncodeToString(spki) },
                agreementKey = new { spki = Base64Url.EncodeToString(agreement.ExportSubjectPublicKeyInfo()) },
                challengeId = challenge.ChallengeId,
                signature = Sign($"securecall/register/v1\n{UserId}\n{challenge.ChallengeId}\n{challenge.Nonce}\n{fingerprint}"),
            });
            response.EnsureSuccessStatusCode();
        }

        private sealed record ChallengeBody(string ChallengeId, string Nonce);
    }
}
