using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Tests.Infrastructure;

namespace SecureCall.Grains.Tests.Calls;

/// <summary>
/// A side of a call whose hub connection closed (a reload, a closed tab) and does not rejoin within RejoinGrace (10 s):
/// the call fails and the other side is told, instead of waiting for its own media timeout.
/// </summary>
public sealed class CallConnectionLossTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private readonly RecordingObserver _frontend = new();
    private IClusterClient Grains => fixture.Client;

    [Fact]
    public async Task ConnectedCall_CalleeConnectionLostAndNotRejoined_FailsAfterTheGraceAndTheCallerIsTold()
    {
        var (alice, bob, callId) = await ConnectedCallAsync("lost-a", "lost-b");

        await Call(callId).ConnectionLostAsync(bob.UserId, "lost-b-conn");
        fixture.Time.Advance(Grace - TimeSpan.FromSeconds(1));
        Assert.Equal(CallState.Connected, (await Call(callId).GetAsync(alice.UserId)).State);
        fixture.Time.Advance(TimeSpan.FromSeconds(2));

        var told = await _frontend.WaitForAsync<CallStateSignal>(alice.UserId, s => s.CallId == callId && s.State == CallState.Failed);
        Assert.Equal("lost-b's connection was lost", told.Reason);
        // Both call slots were released: the callee can call back at once.
        var back = CallParty.NewCallId();
        Assert.Equal(CallState.Ringing, (await Call(back).PlaceAsync(bob.Assurance(), bob.Offer(back, alice.UserId), "lost-b-conn-2")).State);
    }

    [Fact]
    public async Task ConnectionLost_RejoinedWithinTheGrace_OrAnotherTabsConnection_TheCallGoesOn()
    {
        var (alice, bob, rejoined) = await ConnectedCallAsync("rejoin-a", "rejoin-b");
        var (carol, dave, otherTab) = await ConnectedCallAsync("tab-c", "tab-d");
        var (erin, frank, control) = await ConnectedCallAsync("control-e", "control-f");

        await Call(rejoined).ConnectionLostAsync(alice.UserId, "rejoin-a-conn");
        await Call(rejoined).RejoinAsync(alice.UserId, "rejoin-a-conn-2");
        await Call(otherTab).ConnectionLostAsync(dave.UserId, "some-other-tab");
        // The control call loses its caller for good: once it has failed, the grace has passed for all three.
        await Call(control).ConnectionLostAsync(erin.UserId, "control-e-conn");
        fixture.Time.Advance(Grace + TimeSpan.FromSeconds(1));
        await _frontend.WaitForAsync<CallStateSignal>(frank.UserId, s => s.CallId == control && s.State == CallState.Failed);

        Assert.Equal(CallState.Connected, (await Call(rejoined).GetAsync(bob.UserId)).State);
        Assert.Equal(CallState.Connected, (await Call(otherTab).GetAsync(carol.UserId)).State);
        // The old connection closing late (the server noticed after the rejoin) changes nothing either.
        await Call(rejoined).ConnectionLostAsync(alice.UserId, "rejoin-a-conn");
        await Call(rejoined).ConnectionLostAsync(alice.UserId, "rejoin-a-conn");
        Assert.Equal(CallState.Connected, (await Call(rejoined).GetAsync(bob.UserId)).State);
    }

    [Fact]
    public async Task Ringing_CallerConnectionLost_StopsRingingAfterTheGrace_ButTheCalleesConnectionDoesNot()
    {
        var alice = await PartyAsync("ring-lost-a");
        var bob = await PartyAsync("ring-lost-b");
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId), "ring-lost-a-conn");

        // A callee's tab closing while it rings is not the call's business: their other tabs ring on.
        await Call(callId).ConnectionLostAsync(bob.UserId, "ring-lost-b-conn");
        fixture.Time.Advance(Grace + TimeSpan.FromSeconds(1));
        Assert.Equal(CallState.Ringing, (await Call(callId).GetAsync(alice.UserId)).State);
        await Call(callId).ConnectionLostAsync(alice.UserId, "ring-lost-a-conn");
        fixture.Time.Advance(Grace + TimeSpan.FromSeconds(1));

        var told = await _frontend.WaitForAsync<CallStateSignal>(bob.UserId, s => s.CallId == callId && s.State == CallState.Failed);
        Assert.Equal("ring-lost-a's connection was lost", told.Reason);
    }

    [Fact]
    public async Task Abandon_AfterAReload_FailsAtOnceAndTellsTheOtherSide()
    {
        var (alice, bob, callId) = await ConnectedCallAsync("abandon-a", "abandon-b");

        var ended = await Call(callId).AbandonAsync(bob.UserId);

        Assert.Equal(CallState.Failed, ended.State);
        var told = await _frontend.WaitForAsync<CallStateSignal>(alice.UserId, s => s.CallId == callId && s.State == CallState.Failed);
        Assert.Equal("abandon-b's connection was lost", told.Reason);
    }

    private async Task<(CallParty Caller, CallParty Callee, string CallId)> ConnectedCallAsync(string caller, string callee)
    {
        var alice = await PartyAsync(caller);
        var bob = await PartyAsync(callee);
        var callId = CallParty.NewCallId();
        await Call(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId), $"{caller}-conn");
        await Call(callId).AcceptAsync(bob.Assurance(), $"{callee}-conn", bob.Answer(callId, alice.UserId));
        await Call(callId).MarkConnectedAsync(alice.UserId);
        return (alice, bob, callId);
    }

    private ICallGrain Call(string callId) => Grains.GetGrain<ICallGrain>(callId);

    private async Task<CallParty> PartyAsync(string userId)
    {
        var party = await CallParty.RegisterAsync(Grains, userId);
        await Grains.GetGrain<IPresenceGrain>(userId).AttachAsync("test-frontend", Grains.CreateObjectReference<ICallObserver>(_frontend));
        return party;
    }
}
