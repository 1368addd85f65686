using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Security.Tokens;
using SecureCall.WebFrontend.Hubs;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>
/// Two web frontends, each co-hosting a silo of one cluster (shared data directory), with the caller connected to
/// one and the callee to the other: signaling must cross processes through grains and observers.
/// </summary>
public sealed class CrossFrontendCallTests : IAsyncLifetime
{
    private readonly TempDataDirectory _directory = new();
    private SecureCallFactory _first = null!;
    private SecureCallFactory _second = null!;

    public async ValueTask InitializeAsync()
    {
        var iceSettings = new Dictionary<string, string>
        {
            ["SecureCall:IceServers:StunUrls:0"] = "stun:turn.example.org:3478",
            ["SecureCall:IceServers:TurnUrls:0"] = "turns:turn.example.org:5349",
            ["SecureCall:IceServers:TurnSharedSecret"] = "test-turn-secret",
        };
        _first = new SecureCallFactory(_directory.Path, settings: iceSettings);
        _ = _first.Server;
        _second = new SecureCallFactory(_directory.Path, settings: new Dictionary<string, string>
        {
            ["SecureCall:Hosting:PrimarySiloPort"] = _first.SiloPort.ToString(),
        });
        _ = _second.Server;
        await Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Call_CallerOnOneFrontendCalleeOnOther_ExchangesOfferAnswerCandidatesAndHangUp()
    {
        using var alice = new BrowserIdentity("x-alice");
        using var bob = new BrowserIdentity("x-bob");
        await using var aliceHub = await ConnectAsync(_first, alice);
        await using var bobHub = await ConnectAsync(_second, bob);
        var callId = CallSigner.NewCallId();
        var aliceFingerprint = CallSigner.NewFingerprint();
        var bobFingerprint = CallSigner.NewFingerprint();

        var offer = CallSigner.Offer(alice, bob.UserId, callId, aliceFingerprint);
        var placed = await aliceHub.Hub.InvokeAsync<CallSnapshot>("PlaceCall", offer);
        var ringing = await bobHub.NextAsync<RingingSignal>();
        await bobHub.Hub.InvokeAsync<CallSnapshot>("AcceptCall", CallSigner.Answer(bob, alice.UserId, callId, bobFingerprint));
        var answered = await aliceHub.NextAsync<AnsweredSignal>();
        await aliceHub.Hub.InvokeAsync("SendCandidate", new CandidateRequest(callId, "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", "0", 0));
        await bobHub.Hub.InvokeAsync("SendCandidate", new CandidateRequest(callId, "candidate:2 1 udp 2122260223 127.0.0.1 50001 typ host", "0", 0));
        var candidateAtBob = await bobHub.NextAsync<CandidateSignal>();
        var candidateAtAlice = await aliceHub.NextAsync<CandidateSignal>();
        await aliceHub.Hub.InvokeAsync<CallSnapshot>("HangUp", new HangUpRequest(callId, "bye"));
        var ended = await bobHub.NextAsync<CallStateSignal>();

        Assert.Equal(CallState.Ringing, placed.State);
        // Relayed unchanged, so bob's browser can check alice's signature over her DTLS fingerprint itself.
        Assert.Equal(offer.Signature, ringing.Offer.Signature);
        Assert.Equal(offer.Sdp, ringing.Offer.Sdp);
        Assert.Equal(aliceFingerprint, ringing.Offer.Fingerprint);
        Assert.True(alice.Signing.VerifyData(
            Encoding.UTF8.GetBytes($"securecall/call-offer/v1\n{callId}\n{alice.UserId}\n{bob.UserId}\n{ringing.Offer.Nonce}\n{ringing.Offer.Fingerprint}"),
            System.Buffers.Text.Base64Url.DecodeFromChars(ringing.Offer.Signature), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.Equal(bobFingerprint, answered.Answer.Fingerprint);
        Assert.Contains("50000", candidateAtBob.Candidate.Candidate);
        Assert.Contains("50001", candidateAtAlice.Candidate.Candidate);
        Assert.Equal(CallState.Ended, ended.State);
    }

    [Fact]
    public async Task Ringing_ReachesEveryDeviceAndTheFirstAcceptWins()
    {
        using var alice = new BrowserIdentity("d-alice");
        using var bob = new BrowserIdentity("d-bob");
        await using var aliceHub = await ConnectAsync(_first, alice);
        await using var bobPhone = await ConnectAsync(_second, bob);
        await using var bobLaptop = await ConnectAsync(_first, bob, register: false);
        var callId = CallSigner.NewCallId();

        await aliceHub.Hub.InvokeAsync<CallSnapshot>("PlaceCall", CallSigner.Offer(alice, bob.UserId, callId, CallSigner.NewFingerprint()));
        await bobPhone.NextAsync<RingingSignal>();
        await bobLaptop.NextAsync<RingingSignal>();
        await bobPhone.Hub.InvokeAsync<CallSnapshot>("AcceptCall", CallSigner.Answer(bob, alice.UserId, callId, CallSigner.NewFingerprint()));
        var toldLaptop = await bobLaptop.NextAsync<CallStateSignal>();
        var late = await Assert.ThrowsAsync<HubException>(() =>
            bobLaptop.Hub.InvokeAsync<CallSnapshot>("AcceptCall", CallSigner.Answer(bob, alice.UserId, callId, CallSigner.NewFingerprint())));

        Assert.Equal(CallState.Accepted, toldLaptop.State);
        Assert.Contains("HubException: CallAnsweredElsewhere:", late.Message);
    }

    [Fact]
    public async Task PlaceCall_TamperedFingerprint_IsRefusedWithTypedError()
    {
        using var alice = new BrowserIdentity("t-alice");
        using var bob = new BrowserIdentity("t-bob");
        await using var aliceHub = await ConnectAsync(_first, alice);
        await using var bobHub = await ConnectAsync(_second, bob);
        var callId = CallSigner.NewCallId();

        var error = await Assert.ThrowsAsync<HubException>(() => aliceHub.Hub.InvokeAsync<CallSnapshot>("PlaceCall",
            CallSigner.Offer(alice, bob.UserId, callId, CallSigner.NewFingerprint(), sdpFingerprint: CallSigner.NewFingerprint())));

        Assert.Contains("HubException: FingerprintMismatch:", error.Message);
    }

    [Fact]
    public async Task PlaceCall_TokenWithoutLive_IsRefused()
    {
        using var alice = new BrowserIdentity("l-alice");
        using var bob = new BrowserIdentity("l-bob");
        await using var aliceHub = await ConnectAsync(_first, alice, amr: ["sig"]);
        await using var bobHub = await ConnectAsync(_second, bob);

        var error = await Assert.ThrowsAsync<HubException>(() => aliceHub.Hub.InvokeAsync<CallSnapshot>("PlaceCall",
            CallSigner.Offer(alice, bob.UserId, CallSigner.NewCallId(), CallSigner.NewFingerprint())));

        Assert.Contains("HubException: InsufficientAssurance:", error.Message);
    }

    [Fact]
    public async Task HangUp_ByThirdParty_IsRefused()
    {
        using var alice = new BrowserIdentity("i-alice");
        using var bob = new BrowserIdentity("i-bob");
        using var mallory = new BrowserIdentity("i-mallory");
        await using var aliceHub = await ConnectAsync(_first, alice);
        await using var bobHub = await ConnectAsync(_second, bob);
        await using var malloryHub = await ConnectAsync(_second, mallory);
        var callId = CallSigner.NewCallId();
        await aliceHub.Hub.InvokeAsync<CallSnapshot>("PlaceCall", CallSigner.Offer(alice, bob.UserId, callId, CallSigner.NewFingerprint()));

        var error = await Assert.ThrowsAsync<HubException>(() => malloryHub.Hub.InvokeAsync<CallSnapshot>("HangUp", new HangUpRequest(callId, "x")));

        Assert.Contains("HubException: NotACallParticipant:", error.Message);
    }

    [Fact]
    public async Task Connect_WithExpiredToken_IsRefused()
    {
        using var alice = new BrowserIdentity("e-alice");
        var token = await RegisterAndMintAsync(_first, alice, ["sig", "live"]);
        _second.Time.Advance(TimeSpan.FromMinutes(20));

        await Assert.ThrowsAnyAsync<Exception>(() => CallConnection.ConnectAsync(_second, token));
    }

    [Fact]
    public async Task IceServers_IssueTurnCredentialsCoturnCanCheck()
    {
        using var alice = new BrowserIdentity("ice-alice");
        var token = await RegisterAndMintAsync(_first, alice, ["sig", "live"]);
        var http = _first.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/calls/ice-servers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var body = await (await http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        var turn = body.GetProperty("iceServers").EnumerateArray().Single(s => s.TryGetProperty("username", out var u) && u.ValueKind == JsonValueKind.String);
        var username = turn.GetProperty("username").GetString()!;
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes("test-turn-secret"), Encoding.UTF8.GetBytes(username)));

        Assert.EndsWith(":ice-alice", username);
        Assert.True(long.Parse(username.Split(':')[0]) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(expected, turn.GetProperty("credential").GetString());
        Assert.Equal("all", body.GetProperty("iceTransportPolicy").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/calls/ice-servers")).StatusCode);
    }

    [Fact]
    public async Task Host_WithRelayOnlyCallsButNoTurnServer_RefusesToStart()
    {
        using var directory = new TempDataDirectory();
        var factory = new SecureCallFactory(directory.Path, settings: new Dictionary<string, string> { ["SecureCall:IceServers:IceTransportPolicy"] = "Relay" });

        var refusal = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("IceTransportPolicy Relay needs TurnUrls", refusal.ToString());
        try
        {
            await factory.DisposeAsync();
        }
        catch (Exception)
        {
            // A host that never started has nothing to stop.
        }
    }

    [Fact]
    public async Task IceServers_WithPasswordOnlyToken_IsForbidden()
    {
        var token = Mint(_first, "ice-pwd", ["pwd"]);
        var http = _first.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/calls/ice-servers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var problem = await Problem.ReadAsync(await http.SendAsync(request), HttpStatusCode.Forbidden);

        Assert.Equal("InsufficientAssurance", problem.Code);
    }

    [Fact]
    public async Task RefusedHubCall_IsLoggedAsWarningWithItsCode_NotAsError()
    {
        using var mallory = new BrowserIdentity("l-mallory");
        await using var malloryHub = await ConnectAsync(_first, mallory);
        var logged = _first.Logs.Entries.Count;

        var error = await Assert.ThrowsAsync<HubException>(() => malloryHub.Hub.InvokeAsync<CallSnapshot>("HangUp", new HangUpRequest(CallSigner.NewCallId(), "x")));

        var code = error.Message.Split("HubException: ")[1].Split(':')[0];
        var entries = _first.Logs.Entries.Skip(logged).ToList();
        Assert.DoesNotContain(entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Contains(entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains(code, StringComparison.Ordinal)
            && e.Message.Contains("HangUp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallPolicy_CalleeMinimumScoreAboveCallers_RefusesTheCall()
    {
        using var alice = new BrowserIdentity("p-alice");
        using var bob = new BrowserIdentity("p-bob");
        await using var aliceHub = await ConnectAsync(_first, alice);
        var bobToken = await RegisterAndMintAsync(_second, bob, ["sig", "live"]);
        var http = _second.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/calls/policy") { Content = JsonContent.Create(new { minimumCallerScore = 0.95 }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bobToken);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        await using var bobHub = await CallConnection.ConnectAsync(_second, bobToken);

        var error = await Assert.ThrowsAsync<HubException>(() => aliceHub.Hub.InvokeAsync<CallSnapshot>("PlaceCall",
            CallSigner.Offer(alice, bob.UserId, CallSigner.NewCallId(), CallSigner.NewFingerprint())));

        Assert.Contains("HubException: InsufficientAssurance:", error.Message);
    }

    [Fact]
    public async Task Presence_ListsWhoCanBeRungNow_AcrossFrontends()
    {
        using var alice = new BrowserIdentity("p-alice");
        using var bob = new BrowserIdentity("p-bob");
        await using var aliceHub = await ConnectAsync(_first, alice);
        var bobToken = await RegisterAndMintAsync(_second, bob, ["sig"]);
        var http = _second.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bobToken);

        var response = await http.PostAsJsonAsync("/api/presence", new { userIds = new[] { "p-alice", "p-bob", "p-nobody", "p-alice" } }, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["p-alice"], body.GetProperty("online").EnumerateArray().Select(e => e.GetString()));
        // Leaving: the frontend detaches the user once the server has seen the connection close.
        await aliceHub.DisposeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonElement after;
        do
        {
            after = await (await http.PostAsJsonAsync("/api/presence", new { userIds = new[] { "p-alice" } }, TestContext.Current.CancellationToken))
                .Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        }
        while (after.GetProperty("online").GetArrayLength() > 0 && DateTime.UtcNow < deadline);
        Assert.Empty(after.GetProperty("online").EnumerateArray());
    }

    [Fact]
    public async Task Presence_BadInput_IsAProblemNeverA500()
    {
        using var carol = new BrowserIdentity("p-carol");
        var http = _first.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await RegisterAndMintAsync(_first, carol, ["sig"]));

        var tooMany = await http.PostAsJsonAsync("/api/presence", new { userIds = Enumerable.Range(0, 101).Select(i => $"u{i}") }, TestContext.Current.CancellationToken);
        var malformed = await http.PostAsJsonAsync("/api/presence", new { userIds = new[] { "bad id\n" } }, TestContext.Current.CancellationToken);
        var missing = await http.PostAsJsonAsync("/api/presence", new { }, TestContext.Current.CancellationToken);
        var anonymous = await _first.CreateClient().PostAsJsonAsync("/api/presence", new { userIds = new[] { "p-carol" } }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("LimitExceeded", (await tooMany.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<CallConnection> ConnectAsync(SecureCallFactory host, BrowserIdentity who, string[]? amr = null, bool register = true)
    {
        var token = register
            ? await RegisterAndMintAsync(host, who, amr ?? ["sig", "live"])
            : Mint(host, who.UserId, amr ?? ["sig", "live"]);
        return await CallConnection.ConnectAsync(host, token);
    }

    /// <summary>Registers the device key over HTTP and mints a token with the real issuer (proof of life comes with [verify]).</summary>
    private static async Task<string> RegisterAndMintAsync(SecureCallFactory host, BrowserIdentity who, string[] amr)
    {
        Assert.Equal(HttpStatusCode.Created, (await who.RegisterAsync(host.CreateClient())).StatusCode);
        return Mint(host, who.UserId, amr);
    }

    private static string Mint(SecureCallFactory host, string userId, string[] amr) =>
        host.Services.GetRequiredService<TokenIssuer>().Issue(userId, amr, new Dictionary<string, object> { ["score"] = 0.9 }).Token;
}
