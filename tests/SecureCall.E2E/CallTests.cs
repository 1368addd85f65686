using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecureCall.E2E.Infrastructure;
using SecureCall.Security.Crypto;
using static Microsoft.Playwright.Assertions;

namespace SecureCall.E2E;

/// <summary>
/// Two browser profiles, both verified: a call placed and accepted with real WebRTC between them, the safety number,
/// and a man in the middle rewriting the relayed offer or answer (the browsers must refuse the call).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CallTests(BrowserFixture browser)
{
    private const string ForgedFingerprint = "sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";

    [Fact]
    public async Task PlaceAndAccept_BothDecodeVideo_MuteShowsOnTheOtherSide_HangUpEndsBoth()
    {
        await using var alice = await VerifiedAsync("alice", "Alice Adams");
        await using var bob = await VerifiedAsync("bob", "Bob Brown");
        await alice.AddContactAsync("bob");
        await bob.NavigateAsync("/calls");
        await Artifacts.ScreenshotAsync(alice.Page, "08-calls");
        await Accessibility.AssertNoSeriousViolationsAsync(alice.Page, "calls page");

        // Timed as a person would see it, minus the callee's reaction: click Call → ringing, then Accept → video both ways.
        var clock = Stopwatch.StartNew();
        await alice.Page.Locator("button[data-call='bob']").ClickAsync();
        var incoming = bob.Page.GetByRole(AriaRole.Alertdialog);
        await Expect(incoming.Locator("#check-signature")).ToHaveAttributeAsync("data-ok", "true");
        var ringing = clock.Elapsed;
        await Expect(incoming.Locator("#caller-name")).ToHaveTextAsync("Alice Adams");
        await Expect(incoming.Locator("#check-fingerprint")).ToHaveAttributeAsync("data-ok", "true");
        await Expect(incoming.Locator("[data-safety-number]")).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(bob.Page, "09-incoming-call");
        await Accessibility.AssertNoSeriousViolationsAsync(bob.Page, "incoming call");
        clock.Restart();
        await incoming.Locator("#accept-call").ClickAsync();

        await Expect(alice.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });
        await Expect(bob.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });
        await alice.WaitForRemoteVideoAsync();
        await bob.WaitForRemoteVideoAsync();
        Artifacts.Measure("call set-up (click Call → ringing, plus Accept → remote frames decoded on both sides)", (ringing + clock.Elapsed).TotalMilliseconds, "ms", 2000);
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        await Artifacts.ScreenshotAsync(alice.Page, "10-connected-call-caller");
        await Artifacts.ScreenshotAsync(bob.Page, "11-connected-call-callee");
        await Accessibility.AssertNoSeriousViolationsAsync(alice.Page, "in call");

        // An ICE restart (what the caller does when the media path drops): a new offer over the same certificate,
        // relayed by the server and answered by the callee; the call stays up.
        var ufrag = await RemoteIceUfragAsync(bob);
        await alice.Page.EvaluateAsync("() => window.__pcs.filter(pc => pc.connectionState === 'connected').forEach(pc => pc.restartIce())");
        var restartDeadline = DateTime.UtcNow.AddSeconds(15);
        while (await RemoteIceUfragAsync(bob) == ufrag)
        {
            Assert.True(DateTime.UtcNow < restartDeadline, "the callee never received the restart offer");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        await Expect(alice.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });
        await Expect(bob.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });

        await alice.Page.Locator("#toggle-mic").ClickAsync();
        await Expect(alice.Page.Locator("#toggle-mic")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(bob.Page.Locator("#remote-media")).ToHaveAttributeAsync("data-audio", "false");
        await Expect(bob.Page.Locator("#remote-media")).ToContainTextAsync("Alice Adams is muted");

        await alice.Page.Locator("#hang-up").ClickAsync();
        await Expect(alice.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "ended");
        await Expect(bob.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "ended");
        await Expect(bob.Page.Locator("#call-state")).ToContainTextAsync("Call ended");
        await Artifacts.ScreenshotAsync(bob.Page, "12-call-ended");
        Assert.True(alice.ConsoleErrors.Count == 0, string.Join("\n", alice.ConsoleErrors));
        Assert.True(bob.ConsoleErrors.Count == 0, string.Join("\n", bob.ConsoleErrors));
    }

    [Fact]
    public async Task IncomingCall_RingsEveryTabOfTheCallee_TheFirstAcceptWinsAndTheOtherStops()
    {
        await using var ivan = await VerifiedAsync("ivan", "Ivan");
        await using var judy = await VerifiedAsync("judy", "Judy");
        await using var judyTab = await judy.NewTabAsync();
        await judyTab.SignInAsync("judy");
        await judyTab.VerifiedAsync();
        await judy.NavigateAsync("/calls");
        await judyTab.NavigateAsync("/calls");
        await ivan.AddContactAsync("judy");

        await ivan.Page.Locator("button[data-call='judy']").ClickAsync();
        var first = judy.Page.GetByRole(AriaRole.Alertdialog);
        var second = judyTab.Page.GetByRole(AriaRole.Alertdialog);
        await Expect(first.Locator("#check-signature")).ToHaveAttributeAsync("data-ok", "true");
        await Expect(second.Locator("#check-signature")).ToHaveAttributeAsync("data-ok", "true");
        await second.Locator("#accept-call").ClickAsync();

        await Expect(first).ToHaveCountAsync(0);
        await Expect(judy.Page.Locator(".notice", new() { HasText = "Answered on another device" })).ToBeVisibleAsync();
        await Expect(judyTab.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });
        await Expect(ivan.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 20_000 });
        await ivan.Page.Locator("#hang-up").ClickAsync();
        await Expect(judyTab.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "ended");
    }

    [Fact]
    public async Task SafetyNumber_IsTheSameInBothBrowsersAndInCSharp()
    {
        await using var carol = await SignedUpAsync("carol", "Carol");
        await using var dave = await SignedUpAsync("dave", "Dave");
        var fromCarol = await SafetyNumberShownAsync(carol, "dave");
        await Artifacts.ScreenshotAsync(carol.Page, "13-safety-number");
        await Accessibility.AssertNoSeriousViolationsAsync(carol.Page, "safety number dialog");
        var fromDave = await SafetyNumberShownAsync(dave, "carol");

        using var http = new HttpClient { BaseAddress = new Uri(browser.Host.BaseUrl) };
        var carolKey = await SpkiAsync(http, "carol");
        var daveKey = await SpkiAsync(http, "dave");
        var expected = SafetyNumber.Compute("carol", carolKey, "dave", daveKey);

        Assert.Matches("^[0-9]{60}$", fromCarol);
        Assert.Equal(expected, fromCarol);
        Assert.Equal(expected, fromDave);
    }

    [Fact]
    public async Task ManInTheMiddle_RewritingTheOffer_IsRefusedByTheCallee()
    {
        await using var erin = await VerifiedAsync("mitm-caller", "Caller");
        await using var frank = await VerifiedAsync("mitm-callee", "Callee", query: "?hub=json",
            page => RewriteRelayedAsync(page, "Ringing", signal => SubstituteCertificate(signal["offer"]!)));
        await erin.AddContactAsync("mitm-callee");
        await frank.NavigateAsync("/calls");

        await erin.Page.Locator("button[data-call='mitm-callee']").ClickAsync();

        var incoming = frank.Page.GetByRole(AriaRole.Alertdialog);
        await Expect(incoming.Locator("#call-security-warning")).ToBeVisibleAsync();
        await Expect(incoming.Locator("#check-signature")).ToHaveAttributeAsync("data-ok", "false");
        await Expect(incoming.Locator("#accept-call")).ToBeDisabledAsync();
        await Artifacts.ScreenshotAsync(frank.Page, "14-mitm-offer-refused");
        await incoming.Locator("#decline-call").ClickAsync();
        await Expect(erin.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "ended");
    }

    [Fact]
    public async Task ManInTheMiddle_RewritingTheAnswer_IsRefusedByTheCaller()
    {
        await using var grace = await VerifiedAsync("mitm2-caller", "Grace", query: "?hub=json",
            page => RewriteRelayedAsync(page, "Answered", signal => SubstituteCertificate(signal["answer"]!)));
        await using var heidi = await VerifiedAsync("mitm2-callee", "Heidi");
        await grace.AddContactAsync("mitm2-callee");
        await heidi.NavigateAsync("/calls");

        await grace.Page.Locator("button[data-call='mitm2-callee']").ClickAsync();
        await heidi.Page.GetByRole(AriaRole.Alertdialog).Locator("#accept-call").ClickAsync();
        await Expect(heidi.Page.Locator("#call-state")).Not.ToHaveAttributeAsync("data-phase", "incoming", new() { Timeout = 30_000 });

        await Expect(grace.Page.Locator("#call-state")).ToHaveAttributeAsync("data-reason", "security", new() { Timeout = 30_000 });
        await Expect(grace.Page.Locator("#call-state")).ToContainTextAsync("security check failed");
        await Expect(heidi.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "ended", new() { Timeout = 20_000 });
        await Artifacts.ScreenshotAsync(grace.Page, "15-mitm-answer-refused");
    }

    /// <summary>
    /// Issue 26, item 2: a hostile server relays the callee's genuine, correctly signed answer with a second certificate
    /// added under another spelling (<c>a=FINGERPRINT:</c>, which Firefox's parser would take and its DTLS accept).
    /// The server refuses such an answer itself, so the relay is played between it and the caller's page: the
    /// caller's browser must find every fingerprint, whatever its case, and refuse the call before any media flows.
    /// </summary>
    [Fact]
    public async Task HostileServer_AddingAMixedCaseFingerprintToTheAnswer_IsRefusedByTheCaller()
    {
        await using var ivy = await VerifiedAsync("case-caller", "Ivy", query: "?hub=json",
            page => RewriteRelayedAsync(page, "Answered", signal => AddSecondCertificate(signal["answer"]!)));
        await using var jack = await VerifiedAsync("case-callee", "Jack");
        await ivy.AddContactAsync("case-callee");
        await jack.NavigateAsync("/calls");

        await ivy.Page.Locator("button[data-call='case-callee']").ClickAsync();
        await jack.Page.GetByRole(AriaRole.Alertdialog).Locator("#accept-call").ClickAsync();

        await Expect(ivy.Page.Locator("#call-state")).ToHaveAttributeAsync("data-reason", "security", new() { Timeout = 30_000 });
        await Expect(ivy.Page.Locator("#call-state")).ToContainTextAsync("security check failed");
        await Expect(jack.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "ended", new() { Timeout = 20_000 });
        // The answer never became the remote description, so no DTLS handshake and no media: no connection ever
        // reached "connected" and nothing was received.
        var caller = await ivy.Page.EvaluateAsync<JsonElement>("""
            async () => {
              const pcs = window.__pcs;
              let received = 0;
              for (const pc of pcs) {
                const stats = await pc.getStats();
                stats.forEach((s) => { if (s.type === 'inbound-rtp') received += s.bytesReceived ?? 0; });
              }
              return { remote: pcs.filter((pc) => pc.remoteDescription).length, connected: pcs.filter((pc) => pc.connectionState === 'connected').length, received };
            }
            """);
        Assert.Equal(0, caller.GetProperty("remote").GetInt32());
        Assert.Equal(0, caller.GetProperty("connected").GetInt32());
        Assert.Equal(0, caller.GetProperty("received").GetInt32());
        await Artifacts.ScreenshotAsync(ivy.Page, "16-second-fingerprint-refused");
    }

    private async Task<ClientPage> SignedUpAsync(string userId, string name, string query = "", Func<IPage, Task>? intercept = null)
    {
        var client = await browser.OpenAsync(query: query);
        if (intercept is not null)
        {
            await intercept(client.Page);
        }
        await client.CreateIdentityAsync(userId, name);
        return client;
    }

    /// <param name="intercept">Set up before the page opens any connection (WebSocket routes apply to new sockets only).</param>
    private async Task<ClientPage> VerifiedAsync(string userId, string name, string query = "", Func<IPage, Task>? intercept = null)
    {
        var client = await SignedUpAsync(userId, name, query, intercept);
        await client.VerifiedAsync();
        return client;
    }

    private static async Task<string> SafetyNumberShownAsync(ClientPage client, string contact)
    {
        await client.AddContactAsync(contact);
        await client.Page.Locator($"button[data-safety='{contact}']").ClickAsync();
        var digits = client.Page.Locator("[data-safety-number]");
        await Expect(digits).ToBeVisibleAsync();
        return (await digits.GetAttributeAsync("data-safety-number"))!;
    }

    private static async Task<byte[]> SpkiAsync(HttpClient http, string userId)
    {
        var keys = await http.GetFromJsonAsync<JsonElement>($"/api/users/{userId}/keys", TestContext.Current.CancellationToken);
        return System.Buffers.Text.Base64Url.DecodeFromChars(keys.GetProperty("signingKey").GetProperty("spki").GetString()!);
    }

    /// <summary>
    /// An attacker substituting its own certificate: the SDP gets another DTLS fingerprint, and so does the signed
    /// fingerprint field. The signature, made by the real peer, no longer matches.
    /// </summary>
    private static void SubstituteCertificate(JsonNode signed)
    {
        signed["fingerprint"] = ForgedFingerprint;
        signed["sdp"] = Regex.Replace((string)signed["sdp"]!, "a=fingerprint:sha-256 [0-9A-Fa-f:]+", $"a=fingerprint:{ForgedFingerprint}");
    }

    /// <summary>
    /// An attacker adding its certificate beside the genuine one: signature, signed field and the genuine
    /// <c>a=fingerprint:</c> lines stay as the peer made them; an upper-case <c>a=FINGERPRINT:</c> follows each.
    /// </summary>
    private static void AddSecondCertificate(JsonNode signed) =>
        signed["sdp"] = Regex.Replace((string)signed["sdp"]!, "(a=fingerprint:sha-256 [0-9A-Fa-f:]+\r\n)", $"$1a=FINGERPRINT:{ForgedFingerprint}\r\n");

    /// <summary>Plays a compromised relay between the server and this page (JSON hub protocol), rewriting the named signal.</summary>
    private static Task RewriteRelayedAsync(IPage page, string target, Action<JsonNode> rewrite) =>
        page.RouteWebSocketAsync(new Regex("/hubs/calls"), socket =>
        {
            var server = socket.ConnectToServer();
            server.OnMessage(frame =>
            {
                if (frame.Text is not { } text)
                {
                    socket.Send(frame.Binary!);
                    return;
                }
                var records = text.Split('\u001e', StringSplitOptions.RemoveEmptyEntries).Select(record =>
                {
                    var message = JsonNode.Parse(record)!;
                    if ((string?)message["target"] == target)
                    {
                        rewrite(message["arguments"]![0]!);
                    }
                    return message.ToJsonString() + '\u001e';
                });
                socket.Send(string.Concat(records));
            });
        });

    private static Task<string> RemoteIceUfragAsync(ClientPage client) => client.Page.EvaluateAsync<string>(
        "() => window.__pcs.filter(pc => pc.connectionState !== 'closed').map(pc => /a=ice-ufrag:(\\S+)/.exec(pc.remoteDescription?.sdp ?? '')?.[1] ?? '').join(',')");
}
