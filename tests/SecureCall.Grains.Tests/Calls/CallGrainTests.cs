using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Options;

namespace SecureCall.Grains.Tests.Calls;

public sealed class CallGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly RecordingObserver _frontend = new();
    private IClusterClient Grains => fixture.Client;

    [Fact]
    public async Task Call_PlaceAcceptConnectHangUp_RelaysSignedMessagesAndEnds()
    {
        var (alice, bob) = await PairAsync("life-a", "life-b");
        var callId = CallParty.NewCallId();
        var offer = alice.Offer(callId, bob.UserId);

        var placed = await Call(callId).PlaceAsync(alice.Assurance(), offer);
        var ringing = await _frontend.WaitForAsync<RingingSignal>(bob.UserId);
        var answer = bob.Answer(callId, alice.UserId);
        var accepted = await Call(callId).AcceptAsync(bob.Assurance(), "bob-tab-1", answer);
        var answered = await _frontend.WaitForAsync<AnsweredSignal>(alice.UserId);
        var connected = await Call(callId).MarkConnectedAsync(alice.UserId);
        var ended = await Call(callId).HangUpAsync(bob.UserId, "bye");

        Assert.Equal(CallState.Ringing, placed.State);
        Assert.Equal(offer, ringing.Offer);
        Assert.Equal(CallState.Accepted, accepted.State);
        Assert.Equal(answer, answered.Answer);
        Assert.Equal(CallState.Connected, connected.State);
        Assert.Equal(CallState.Ended, ended.State);
        await _frontend.WaitForAsync<CallStateSignal>(alice.UserId, s => s.State == CallState.Ended);
        // Both call slots were released: the same pair can call again.
        var again = CallParty.NewCallId();
        Assert.Equal(CallState.Ringing, (await Call(again).PlaceAsync(alice.Assurance(), alice.Offer(again, bob.UserId))).State);
    }

    [Fact]
    public async Task Place_CalleeNotConnected_IsMissedAtOnce()
    {
        var alice = await PartyAsync("offline-a");
        var bob = await CallParty.RegisterAsync(Grains, "offline-b");
        var callId = CallParty.NewCallId();

        var placed = await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));

        Assert.Equal(CallState.Missed, placed.State);
    }

    [Fact]
    public async Task Ringing_PastRingTimeout_IsMissedAndCallerIsTold()
    {
        var (alice, bob) = await PairAsync("timeout-a", "timeout-b");
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));

        fixture.Time.Advance(TimeSpan.FromSeconds(46));

        var told = await _frontend.WaitForAsync<CallStateSignal>(alice.UserId, s => s.CallId == callId && s.State == CallState.Missed);
        Assert.Equal("no answer", told.Reason);
        Assert.Equal(CallState.Missed, (await Call(callId).GetAsync(bob.UserId)).State);
    }

    [Fact]
    public async Task Accepted_MediaNotConnectedWithinConnectTimeout_FailsAndBothAreTold()
    {
        var (alice, bob) = await PairAsync("noconnect-a", "noconnect-b");
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));
        await Call(callId).AcceptAsync(bob.Assurance(), "tab", bob.Answer(callId, alice.UserId));

        fixture.Time.Advance(TimeSpan.FromSeconds(31));

        var callerTold = await _frontend.WaitForAsync<CallStateSignal>(alice.UserId, s => s.CallId == callId && s.State == CallState.Failed);
        await _frontend.WaitForAsync<CallStateSignal>(bob.UserId, s => s.CallId == callId && s.State == CallState.Failed);
        Assert.Equal("media did not connect within 30 s", callerTold.Reason);
        // Both call slots were released.
        var again = CallParty.NewCallId();
        Assert.Equal(CallState.Ringing, (await Call(again).PlaceAsync(alice.Assurance(), alice.Offer(again, bob.UserId))).State);
    }

    [Fact]
    public async Task Connected_IsNotFailedByTheConnectTimeout()
    {
        var (alice, bob) = await PairAsync("connected-a", "connected-b");
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));
        await Call(callId).AcceptAsync(bob.Assurance(), "tab", bob.Answer(callId, alice.UserId));
        await Call(callId).MarkConnectedAsync(alice.UserId);
        // A control call accepted at the same moment but never connected: once it has failed, the connect deadline
        // has passed for both, so the test waits on that instead of sleeping.
        var (carol, dave) = await PairAsync("control-c", "control-d");
        var control = CallParty.NewCallId();
        await Call(control).PlaceAsync(carol.Assurance(), carol.Offer(control, dave.UserId));
        await Call(control).AcceptAsync(dave.Assurance(), "tab", dave.Answer(control, carol.UserId));

        fixture.Time.Advance(TimeSpan.FromSeconds(31));
        await _frontend.WaitForAsync<CallStateSignal>(carol.UserId, s => s.CallId == control && s.State == CallState.Failed);

        Assert.Equal(CallState.Connected, (await Call(callId).GetAsync(alice.UserId)).State);
        await Call(callId).HangUpAsync(alice.UserId, "done");
    }

    [Fact]
    public async Task Reject_WhileRinging_EndsAsRejectedAndTellsCaller()
    {
        var (alice, bob) = await PairAsync("reject-a", "reject-b");
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));

        var rejected = await Call(callId).RejectAsync(bob.UserId);

        Assert.Equal(CallState.Rejected, rejected.State);
        await _frontend.WaitForAsync<CallStateSignal>(alice.UserId, s => s.State == CallState.Rejected);
    }

    [Fact]
    public async Task Place_ToCalleeInAnotherCall_IsBusy()
    {
        var (alice, bob) = await PairAsync("busy-a", "busy-b");
        var carol = await PartyAsync("busy-c");
        var first = CallParty.NewCallId();
        await Call(first).PlaceAsync(alice.Assurance(), alice.Offer(first, bob.UserId));
        var second = CallParty.NewCallId();

        var busy = await Call(second).PlaceAsync(carol.Assurance(), carol.Offer(second, bob.UserId));

        Assert.Equal(CallState.Busy, busy.State);
        Assert.Equal(CallState.Ringing, (await Call(first).GetAsync(alice.UserId)).State);
    }

    [Fact]
    public async Task Accept_FromTwoDevices_FirstWinsAndOtherDevicesAreTold()
    {
        var (alice, bob) = await PairAsync("double-a", "double-b");
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));

        var first = await Call(callId).AcceptAsync(bob.Assurance(), "tab-1", bob.Answer(callId, alice.UserId));
        var second = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).AcceptAsync(bob.Assurance(), "tab-2", bob.Answer(callId, alice.UserId)));

        Assert.Equal(CallState.Accepted, first.State);
        Assert.Equal(FailureCode.CallAnsweredElsewhere, second.Code);
        Assert.Contains(_frontend.WithExclusions(bob.UserId), r => r.Signal is CallStateSignal { State: CallState.Accepted } && r.Except == "tab-1");
    }

    [Fact]
    public async Task HangUp_ByCallerWhileRinging_EndsAndTellsCallee()
    {
        var (alice, bob) = await PairAsync("cancel-a", "cancel-b");
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));

        var ended = await Call(callId).HangUpAsync(alice.UserId, "changed my mind");

        Assert.Equal(CallState.Ended, ended.State);
        await _frontend.WaitForAsync<CallStateSignal>(bob.UserId, s => s.State == CallState.Ended);
    }

    [Fact]
    public async Task Candidates_AreRelayedToTheOtherPartyInOrder()
    {
        var (alice, bob) = await PairAsync("ice-a", "ice-b");
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));

        for (var i = 0; i < 5; i++)
        {
            await Call(callId).AddCandidateAsync(alice.UserId, new IceCandidate(callId, $"candidate:{i} 1 udp 1 127.0.0.1 {5000 + i} typ host", "0", 0));
        }

        var relayed = _frontend.For(bob.UserId).OfType<CandidateSignal>().Select(c => c.Candidate.Candidate).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"candidate:{i} 1 udp 1 127.0.0.1 {5000 + i} typ host"), relayed);
        Assert.DoesNotContain(_frontend.For(alice.UserId), s => s is CandidateSignal);
    }

    [Fact]
    public async Task ThirdParty_CannotInjectIntoACall()
    {
        var (alice, bob) = await PairAsync("inject-a", "inject-b");
        var mallory = await PartyAsync("inject-m");
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));

        var candidate = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).AddCandidateAsync(mallory.UserId, new IceCandidate(callId, "candidate:evil", "0", 0)));
        var accept = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).AcceptAsync(mallory.Assurance(), "m", mallory.Answer(callId, alice.UserId)));
        var hangUp = await Assert.ThrowsAsync<SecureCallException>(() => Call(callId).HangUpAsync(mallory.UserId, "x"));

        Assert.All([candidate, accept, hangUp], e => Assert.Equal(FailureCode.NotACallParticipant, e.Code));
        var audited = await fixture.Audit.ReadAsync(0, 100_000);
        Assert.Contains(audited, r => r.Type == "CallRefused" && r.Subject == mallory.UserId);
        Assert.Equal(CallState.Ringing, (await Call(callId).GetAsync(alice.UserId)).State);
    }

    [Fact]
    public async Task Place_SdpFingerprintSwapped_IsRejected()
    {
        var (alice, bob) = await PairAsync("swap-a", "swap-b");
        var callId = CallParty.NewCallId();
        var attackerFingerprint = "sha-256 " + string.Join(':', Enumerable.Repeat("AB", 32));

        var error = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId, sdpFingerprint: attackerFingerprint)));

        Assert.Equal(FailureCode.FingerprintMismatch, error.Code);
    }

    [Fact]
    public async Task Place_SignedByAnotherKey_IsRejected()
    {
        var (alice, bob) = await PairAsync("signer-a", "signer-b");
        using var thief = new TestKeys();
        var callId = CallParty.NewCallId();

        var error = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId, signer: thief)));

        Assert.Equal(FailureCode.BadSignature, error.Code);
    }

    [Fact]
    public async Task Place_ReplayedOfferNonce_IsRejected()
    {
        var (alice, bob) = await PairAsync("replay-a", "replay-b");
        var nonce = CallParty.NewNonce();
        var first = CallParty.NewCallId();
        await Call(first).PlaceAsync(alice.Assurance(), alice.Offer(first, bob.UserId, nonce));
        await Call(first).HangUpAsync(alice.UserId, "done");
        var second = CallParty.NewCallId();

        var error = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(second).PlaceAsync(alice.Assurance(), alice.Offer(second, bob.UserId, nonce)));

        Assert.Equal(FailureCode.NonceReplayed, error.Code);
    }

    [Fact]
    public async Task Place_SameCallIdTwice_IsRejected()
    {
        var (alice, bob) = await PairAsync("reuse-a", "reuse-b");
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));

        var error = await Assert.ThrowsAsync<SecureCallException>(() => Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId)));

        Assert.Equal(FailureCode.InvalidCallState, error.Code);
    }

    [Fact]
    public async Task Place_TokenWithoutLive_IsRejected()
    {
        var (alice, bob) = await PairAsync("nolive-a", "nolive-b");
        var callId = CallParty.NewCallId();

        var error = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).PlaceAsync(alice.Assurance("sig"), alice.Offer(callId, bob.UserId)));

        Assert.Equal(FailureCode.InsufficientAssurance, error.Code);
    }

    [Fact]
    public async Task Accept_TokenWithoutLive_IsRejected()
    {
        var (alice, bob) = await PairAsync("nolive2-a", "nolive2-b");
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));

        var error = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).AcceptAsync(bob.Assurance("sig"), "tab", bob.Answer(callId, alice.UserId)));

        Assert.Equal(FailureCode.InsufficientAssurance, error.Code);
    }

    [Fact]
    public async Task Place_OversizedSdp_IsRejected()
    {
        var (alice, bob) = await PairAsync("big-a", "big-b");
        var callId = CallParty.NewCallId();
        var offer = alice.Offer(callId, bob.UserId);
        var huge = offer with { Sdp = offer.Sdp + "a=x-padding:" + new string('x', 20_000) + "\r\n" };

        var error = await Assert.ThrowsAsync<SecureCallException>(() => Call(callId).PlaceAsync(alice.Assurance(), huge));

        Assert.Equal(FailureCode.LimitExceeded, error.Code);
    }

    [Fact]
    public async Task Place_CallerBelowCalleesMinimumScore_IsRejected()
    {
        var (alice, bob) = await PairAsync("policy-a", "policy-b");
        await Grains.GetGrain<Interfaces.Identity.IUserGrain>(bob.UserId).SetMinimumCallerScoreAsync(fixture.SignedIn(bob.UserId), 0.95);
        var callId = CallParty.NewCallId();

        var error = await Assert.ThrowsAsync<SecureCallException>(() => Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId)));

        Assert.Equal(FailureCode.InsufficientAssurance, error.Code);
        Assert.Contains("0.95", error.Message);
    }

    [Fact]
    public async Task Candidates_BeyondPerCallLimit_AreRefused()
    {
        var (alice, bob) = await PairAsync("flood-a", "flood-b");
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));
        for (var i = 0; i < Options.SignalingOptions.DefaultMaxCandidatesPerCall; i++)
        {
            await Call(callId).AddCandidateAsync(alice.UserId, new IceCandidate(callId, $"candidate:{i}", "0", 0));
        }

        var error = await Assert.ThrowsAsync<SecureCallException>(() =>
            Call(callId).AddCandidateAsync(alice.UserId, new IceCandidate(callId, "candidate:one-too-many", "0", 0)));

        Assert.Equal(FailureCode.LimitExceeded, error.Code);
    }

    [Fact]
    public async Task Delivery_ToDeadFrontend_DropsItAndStillReachesLiveOnes()
    {
        var (alice, bob) = await PairAsync("dead-a", "dead-b");
        var dead = new FailingObserver();
        await Grains.GetGrain<IPresenceGrain>(bob.UserId).AttachAsync("dead-frontend", Grains.CreateObjectReference<ICallObserver>(dead));
        var first = CallParty.NewCallId();
        await Call(first).PlaceAsync(alice.Assurance(), alice.Offer(first, bob.UserId));
        await Call(first).HangUpAsync(alice.UserId, "again");
        var callsSeenByDeadFrontend = dead.Attempts;
        var second = CallParty.NewCallId();

        await Call(second).PlaceAsync(alice.Assurance(), alice.Offer(second, bob.UserId));

        Assert.Equal(1, callsSeenByDeadFrontend);
        Assert.Equal(1, dead.Attempts);
        Assert.Equal(2, _frontend.For(bob.UserId).OfType<RingingSignal>().Count());
    }

    private sealed class FailingObserver : ICallObserver
    {
        public int Attempts;

        public Task DeliverAsync(string userId, CallSignal signal, string? exceptConnectionId)
        {
            Interlocked.Increment(ref Attempts);
            throw new InvalidOperationException("this frontend is gone");
        }
    }

    private ICallGrain Call(string callId) => Grains.GetGrain<ICallGrain>(callId);

    private async Task<CallParty> PartyAsync(string userId)
    {
        var party = await CallParty.RegisterAsync(Grains, userId);
        await Grains.GetGrain<IPresenceGrain>(userId).AttachAsync("test-frontend", Grains.CreateObjectReference<ICallObserver>(_frontend));
        return party;
    }

    private async Task<(CallParty Caller, CallParty Callee)> PairAsync(string caller, string callee) =>
        (await PartyAsync(caller), await PartyAsync(callee));
}
