using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Tests.Infrastructure;

namespace SecureCall.Grains.Tests.Calls;

/// <summary>
/// Issue 26, item 2: SDP attribute names are case-insensitive (RFC 8866) and Firefox's DTLS accepts a certificate that
/// matches any listed digest, so an SDP that lists another certificate beside the signed one, under any spelling, at
/// session level or in any m= section, is refused on PlaceCall, Answer and Renegotiate.
/// </summary>
public sealed class CallFingerprintSpellingTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly string Other256 = "sha-256 " + string.Join(':', Enumerable.Range(0, 32).Select(i => (i * 3).ToString("X2")));
    private static readonly string Other384 = "sha-384 " + string.Join(':', Enumerable.Range(0, 48).Select(i => (i * 5 % 256).ToString("X2")));
    private static readonly string Other512 = "sha-512 " + string.Join(':', Enumerable.Range(0, 64).Select(i => (i * 7 % 256).ToString("X2")));

    private readonly RecordingObserver _frontend = new();
    private IClusterClient Grains => fixture.Client;

    /// <summary>Where the attacker's fingerprint goes, and how it is spelled.</summary>
    public static TheoryData<string> Attacks => ["session upper", "video capitalised", "data sha-384", "audio sha-512", "hash upper"];

    [Fact]
    public async Task Place_FirefoxSdpWithTheSignedFingerprintEverywhereInAnyCase_Rings()
    {
        var (alice, bob) = (await PartyAsync("ffp-ok-a"), await PartyAsync("ffp-ok-b"));
        var callId = CallParty.NewCallId();
        var hex = alice.Fingerprint["sha-256 ".Length..];
        var sdp = FirefoxSdp($"a=FINGERPRINT:SHA-256 {hex}", $"a=Fingerprint:{alice.Fingerprint}", $"a=fingerprint:Sha-256 {hex.ToLowerInvariant()}",
            $"a=fingerprint:{alice.Fingerprint}");

        var snapshot = await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId) with { Sdp = sdp });

        Assert.Equal(CallState.Ringing, snapshot.State);
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Place_FirefoxSdpWithASecondFingerprint_IsRefused(string attack)
    {
        var (alice, bob) = (await PartyAsync($"ffp-p-{Id(attack)}-a"), await PartyAsync($"ffp-p-{Id(attack)}-b"));
        var callId = CallParty.NewCallId();

        var error = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId) with { Sdp = Attacked(alice.Fingerprint, attack) }));

        Assert.Equal(FailureCode.FingerprintMismatch, error.Code);
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Answer_FirefoxSdpWithASecondFingerprint_IsRefused(string attack)
    {
        var (alice, bob) = (await PartyAsync($"ffp-a-{Id(attack)}-a"), await PartyAsync($"ffp-a-{Id(attack)}-b"));
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));

        var error = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).AcceptAsync(bob.Assurance(), "tab", bob.Answer(callId, alice.UserId) with { Sdp = Attacked(bob.Fingerprint, attack) }));

        Assert.Equal(FailureCode.FingerprintMismatch, error.Code);
        Assert.Equal(CallState.Ringing, (await Call(callId).GetAsync(alice.UserId)).State);
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Renegotiate_FirefoxSdpWithASecondFingerprint_IsRefused(string attack)
    {
        var (alice, bob) = (await PartyAsync($"ffp-r-{Id(attack)}-a"), await PartyAsync($"ffp-r-{Id(attack)}-b"));
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));
        await Call(callId).AcceptAsync(bob.Assurance(), "tab", bob.Answer(callId, alice.UserId));
        await Call(callId).MarkConnectedAsync(alice.UserId);

        var offer = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).RenegotiateAsync(alice.UserId, new Renegotiation(callId, Renegotiation.Offer, Attacked(alice.Fingerprint, attack))));
        var answer = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).RenegotiateAsync(bob.UserId, new Renegotiation(callId, Renegotiation.Answer, Attacked(bob.Fingerprint, attack))));

        Assert.Equal(FailureCode.FingerprintMismatch, offer.Code);
        Assert.Equal(FailureCode.FingerprintMismatch, answer.Code);
    }

    /// <summary>A Firefox-style SDP carrying the signed fingerprint everywhere plus the attacker's one.</summary>
    private static string Attacked(string signed, string attack)
    {
        var s = $"a=fingerprint:{signed}";
        return attack switch
        {
            "session upper" => FirefoxSdp($"{s}\r\na=FINGERPRINT:{Other256}", s, s, s),
            "video capitalised" => FirefoxSdp(s, s, $"{s}\r\na=Fingerprint:{Other256}", s),
            "data sha-384" => FirefoxSdp(s, s, s, $"a=FINGERPRINT:{Other384}\r\n{s}"),
            "audio sha-512" => FirefoxSdp(s, $"{s}\r\na=Fingerprint:{Other512}", s, s),
            "hash upper" => FirefoxSdp(s, $"a=FINGERPRINT:SHA-256 {Other256["sha-256 ".Length..]}", s, s),
            _ => throw new ArgumentOutOfRangeException(nameof(attack)),
        };
    }

    /// <summary>Firefox's layout: a session-level fingerprint, then audio, video and data sections each with their own.</summary>
    private static string FirefoxSdp(string session, string audio, string video, string data) => string.Join("\r\n",
        "v=0", "o=mozilla...THIS_IS_SDPARTA-99.0 4294967296 0 IN IP4 0.0.0.0", "s=-", "t=0 0", session,
        "a=group:BUNDLE 0 1 2", "a=ice-options:trickle", "a=msid-semantic:WMS *",
        "m=audio 9 UDP/TLS/RTP/SAVPF 109 9 0 8 101", "c=IN IP4 0.0.0.0", "a=sendrecv", audio, "a=mid:0", "a=setup:actpass",
        "m=video 9 UDP/TLS/RTP/SAVPF 120 124 121", "c=IN IP4 0.0.0.0", "a=sendrecv", video, "a=mid:1", "a=setup:actpass",
        "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", data, "a=mid:2", "a=sctp-port:5000", "");

    private static string Id(string attack) => attack.Replace(' ', '-').Replace("sha-", "", StringComparison.Ordinal);

    private async Task<CallParty> PartyAsync(string userId)
    {
        var party = await CallParty.RegisterAsync(Grains, userId);
        await Grains.GetGrain<IPresenceGrain>(userId).AttachAsync("test-frontend", Grains.CreateObjectReference<ICallObserver>(_frontend));
        return party;
    }

    private ICallGrain Call(string callId) => Grains.GetGrain<ICallGrain>(callId);
}
