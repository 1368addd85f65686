using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Tests.Infrastructure;

namespace SecureCall.Grains.Tests.Calls;

/// <summary>ICE restarts during a connected call: relayed between the participants only, never with another certificate.</summary>
public sealed class CallRenegotiationTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly RecordingObserver _frontend = new();
    private IClusterClient Grains => fixture.Client;

    [Fact]
    public async Task Renegotiate_ConnectedCall_RelaysOfferAndAnswerToTheOtherParticipant()
    {
        var (alice, bob, callId) = await ConnectedAsync("reneg-a", "reneg-b");

        await Call(callId).RenegotiateAsync(alice.UserId, new Renegotiation(callId, Renegotiation.Offer, alice.Sdp()));
        var offer = await _frontend.WaitForAsync<RenegotiateSignal>(bob.UserId);
        await Call(callId).RenegotiateAsync(bob.UserId, new Renegotiation(callId, Renegotiation.Answer, bob.Sdp()));
        var answer = await _frontend.WaitForAsync<RenegotiateSignal>(alice.UserId);

        Assert.Equal((Renegotiation.Offer, alice.Sdp()), (offer.Renegotiation.Type, offer.Renegotiation.Sdp));
        Assert.Equal((Renegotiation.Answer, bob.Sdp()), (answer.Renegotiation.Type, answer.Renegotiation.Sdp));
    }

    [Fact]
    public async Task Renegotiate_WithAnotherDtlsFingerprint_IsRefused()
    {
        var (alice, _, callId) = await ConnectedAsync("reneg-fp-a", "reneg-fp-b");
        var swapped = alice.Sdp("sha-256 " + string.Join(':', Enumerable.Repeat("AB", 32)));

        var refused = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).RenegotiateAsync(alice.UserId, new Renegotiation(callId, Renegotiation.Offer, swapped)));

        Assert.Equal(FailureCode.FingerprintMismatch, refused.Code);
    }

    [Fact]
    public async Task Renegotiate_ByAThirdParty_OrBeforeConnected_OrMalformed_IsRefused()
    {
        var (alice, bob, callId) = await ConnectedAsync("reneg-x-a", "reneg-x-b");
        var mallory = await CallParty.RegisterAsync(Grains, "reneg-x-m");
        var (carol, dave) = (await PartyAsync("reneg-r-c"), await PartyAsync("reneg-r-d"));
        var ringing = CallParty.NewCallId();
        await Call(ringing).PlaceAsync(carol.Assurance(), carol.Offer(ringing, dave.UserId));

        var thirdParty = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).RenegotiateAsync(mallory.UserId, new Renegotiation(callId, Renegotiation.Offer, mallory.Sdp())));
        var notConnected = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(ringing).RenegotiateAsync(carol.UserId, new Renegotiation(ringing, Renegotiation.Offer, carol.Sdp())));
        var badType = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).RenegotiateAsync(alice.UserId, new Renegotiation(callId, "pranswer", alice.Sdp())));
        var tooBig = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).RenegotiateAsync(bob.UserId, new Renegotiation(callId, Renegotiation.Answer, bob.Sdp() + new string('a', 20_000))));

        Assert.Equal(FailureCode.NotACallParticipant, thirdParty.Code);
        Assert.Equal(FailureCode.InvalidCallState, notConnected.Code);
        Assert.Equal(FailureCode.InvalidInput, badType.Code);
        Assert.Equal(FailureCode.LimitExceeded, tooBig.Code);
    }

    private async Task<(CallParty Alice, CallParty Bob, string CallId)> ConnectedAsync(string a, string b)
    {
        var (alice, bob) = (await PartyAsync(a), await PartyAsync(b));
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));
        await Call(callId).AcceptAsync(bob.Assurance(), "tab", bob.Answer(callId, alice.UserId));
        await Call(callId).MarkConnectedAsync(alice.UserId);
        return (alice, bob, callId);
    }

    private async Task<CallParty> PartyAsync(string userId)
    {
        var party = await CallParty.RegisterAsync(Grains, userId);
        await Grains.GetGrain<IPresenceGrain>(userId).AttachAsync("test-frontend", Grains.CreateObjectReference<ICallObserver>(_frontend));
        return party;
    }

    private ICallGrain Call(string callId) => Grains.GetGrain<ICallGrain>(callId);
}
