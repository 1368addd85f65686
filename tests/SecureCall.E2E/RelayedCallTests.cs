using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using SecureCall.E2E.Infrastructure;
using SecureCall.E2E.Turn;
using static Microsoft.Playwright.Assertions;

namespace SecureCall.E2E;

/// <summary>
/// A call through TURN only: a host with SecureCall:IceServers:IceTransportPolicy=Relay hands both browsers its TURN
/// credentials for a coturn on 127.0.0.1 (the shipped settings); the browsers gather relayed candidates only, connect
/// through coturn's relay ports and decode each other's video. Then the server's own credential is tried on coturn
/// directly, and the same credential with its expiry pushed back is refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RelayedCallTests(BrowserFixture browser)
{
    // What the page's peer connection used: its configuration, the selected pair's candidate types and addresses, the
    // types of every local candidate it gathered, and the video frames it decoded.
    private const string RelayReport = """
        async () => { const pc = window.__pcs.find(p => p.connectionState === 'connected'); if (!pc) return null;
          const stats = await pc.getStats(); let pair, decoded = 0; const local = [];
          stats.forEach(r => { if (r.type === 'transport' && r.selectedCandidatePairId) pair = stats.get(r.selectedCandidatePairId);
            if (r.type === 'inbound-rtp' && r.kind === 'video') decoded += r.framesDecoded ?? 0;
            if (r.type === 'local-candidate') local.push(r.candidateType); });
          const l = pair && stats.get(pair.localCandidateId), r = pair && stats.get(pair.remoteCandidateId);
          const turn = pc.getConfiguration().iceServers.find(s => s.username) ?? {};
          return { policy: pc.getConfiguration().iceTransportPolicy, decoded, localTypes: local,
            localType: l?.candidateType, localAddress: l?.address, localPort: l?.port, remoteType: r?.candidateType, remotePort: r?.port,
            username: turn.username ?? '', credential: turn.credential ?? '' }; }
        """;

    [Fact]
    public async Task RelayOnlyCall_GoesThroughCoturn_BothSidesDecodeVideo()
    {
        await using var coturn = await CoturnProcess.StartAsync();
        var settings = browser.HostSettings();
        settings["SecureCall:IceServers:TurnUrls:0"] = coturn.Url;
        settings["SecureCall:IceServers:TurnSharedSecret"] = coturn.Secret;
        settings["SecureCall:IceServers:IceTransportPolicy"] = "Relay";
        await using var host = await HostProcess.StartAsync(settings);
        await using var alice = await browser.OpenVerifiedAsync("relay-alice", "Alice Relay", host);
        await using var bob = await browser.OpenVerifiedAsync("relay-bob", "Bob Relay", host);
        await alice.AddContactAsync("relay-bob");
        await bob.NavigateAsync("/calls");

        await alice.Page.Locator("button[data-call='relay-bob']").ClickAsync();
        var incoming = bob.Page.GetByRole(AriaRole.Alertdialog);
        await Expect(incoming.Locator("#check-signature")).ToHaveAttributeAsync("data-ok", "true");
        await incoming.Locator("#accept-call").ClickAsync();
        await Expect(alice.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 30_000 });
        await Expect(bob.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "connected", new() { Timeout = 30_000 });
        await alice.WaitForRemoteVideoAsync();
        await bob.WaitForRemoteVideoAsync();
        await Artifacts.ScreenshotAsync(bob.Page, "26-relayed-call-1280");

        foreach (var client in new[] { alice, bob })
        {
            var report = await client.Page.EvaluateAsync<JsonElement>(RelayReport);
            Assert.True(report.ValueKind == JsonValueKind.Object, "no connected peer connection");
            var text = report.ToString();
            Assert.Equal("relay", report.GetProperty("policy").GetString());
            Assert.True(report.GetProperty("decoded").GetInt32() > 0, text);
            // Only relayed candidates were gathered (no host address to hand the other side), and the pair in use is
            // relay to relay through this coturn's relay ports.
            Assert.All(report.GetProperty("localTypes").EnumerateArray(), t => Assert.Equal("relay", t.GetString()));
            Assert.Equal("relay", report.GetProperty("localType").GetString());
            Assert.Equal("relay", report.GetProperty("remoteType").GetString());
            Assert.Equal("127.0.0.1", report.GetProperty("localAddress").GetString());
            Assert.InRange(report.GetProperty("localPort").GetInt32(), coturn.FirstRelayPort, coturn.LastRelayPort);
            Assert.InRange(report.GetProperty("remotePort").GetInt32(), coturn.FirstRelayPort, coturn.LastRelayPort);
            Assert.True(client.ConsoleErrors.Count == 0, string.Join("\n", client.ConsoleErrors));
        }

        // The credential the server issued to Alice allocates on coturn by itself; pushing its expiry back breaks it.
        var issued = await alice.Page.EvaluateAsync<JsonElement>(RelayReport);
        var username = issued.GetProperty("username").GetString()!;
        var credential = issued.GetProperty("credential").GetString()!;
        Assert.EndsWith(":relay-alice", username);
        using (var turn = new TurnClient(coturn.Endpoint))
        {
            Assert.Null((await turn.AllocateAsync(username, credential, TestContext.Current.CancellationToken)).Error);
        }
        var expiry = long.Parse(username.Split(':')[0]);
        using (var turn = new TurnClient(coturn.Endpoint))
        {
            var extended = $"{expiry + 86_400}:relay-alice";
            Assert.Equal(401, (await turn.AllocateAsync(extended, credential, TestContext.Current.CancellationToken)).Error);
        }

        await alice.Page.Locator("#hang-up").ClickAsync();
        await Expect(bob.Page.Locator("#call-state")).ToHaveAttributeAsync("data-phase", "ended");
    }
}
