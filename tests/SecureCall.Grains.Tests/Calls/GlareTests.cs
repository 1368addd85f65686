using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Tests.Infrastructure;

namespace SecureCall.Grains.Tests.Calls;

/// <summary>
/// Two people calling each other at the same moment end up in one call: the one placed by the ordinally smaller user
/// id, whichever reached the server first; the other ends as crossed.
/// </summary>
public sealed class GlareTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly RecordingObserver _frontend = new();
    private IClusterClient Grains => fixture.Client;

    [Fact]
    public async Task SmallerIdCallsFirst_TheLaterCallGivesWayAtOnce()
    {
        var (small, large) = await PairAsync("glare1-a", "glare1-b");
        var first = CallParty.NewCallId();
        var second = CallParty.NewCallId();

        var kept = await Call(first).PlaceAsync(small.Assurance(), small.Offer(first, large.UserId));
        var crossed = await Call(second).PlaceAsync(large.Assurance(), large.Offer(second, small.UserId));

        Assert.Equal(CallState.Ringing, kept.State);
        Assert.Equal((CallState.Ended, "crossed"), (crossed.State, crossed.Reason));
        Assert.Equal(CallState.Ringing, (await Call(first).GetAsync(large.UserId)).State);
        await Call(first).AcceptAsync(large.Assurance(), "tab", large.Answer(first, small.UserId));
    }

    [Fact]
    public async Task LargerIdCallsFirst_ItsCallEndsAsCrossedAndTheOtherRings()
    {
        var (small, large) = await PairAsync("glare2-a", "glare2-b");
        var first = CallParty.NewCallId();
        var second = CallParty.NewCallId();

        await Call(first).PlaceAsync(large.Assurance(), large.Offer(first, small.UserId));
        var kept = await Call(second).PlaceAsync(small.Assurance(), small.Offer(second, large.UserId));

        Assert.Equal(CallState.Ringing, kept.State);
        var told = await _frontend.WaitForAsync<CallStateSignal>(large.UserId, s => s.CallId == first);
        Assert.Equal((CallState.Ended, "crossed"), (told.State, told.Reason));
        await _frontend.WaitForAsync<RingingSignal>(large.UserId, s => s.CallId == second);
        Assert.Equal(CallState.Ended, (await Call(first).GetAsync(small.UserId)).State);
    }

    [Fact]
    public async Task BothAtOnce_ExactlyTheSmallerIdsCallRings()
    {
        var (small, large) = await PairAsync("glare3-a", "glare3-b");
        var fromSmall = CallParty.NewCallId();
        var fromLarge = CallParty.NewCallId();

        var placed = await Task.WhenAll(
            Call(fromSmall).PlaceAsync(small.Assurance(), small.Offer(fromSmall, large.UserId)),
            Call(fromLarge).PlaceAsync(large.Assurance(), large.Offer(fromLarge, small.UserId)));

        // Whichever placement finished first, the larger id's call has given way by the time both returned: it
        // either lost at placement, or rang first and was ended by the smaller id's call (as when it called first).
        Assert.Equal(CallState.Ringing, placed[0].State);
        var larger = await Call(fromLarge).GetAsync(large.UserId);
        Assert.Equal((CallState.Ended, "crossed"), (larger.State, larger.Reason));
        Assert.Equal(CallState.Ringing, (await Call(fromSmall).GetAsync(large.UserId)).State);
    }

    private ICallGrain Call(string callId) => Grains.GetGrain<ICallGrain>(callId);

    private async Task<(CallParty Small, CallParty Large)> PairAsync(string small, string large)
    {
        var parties = new List<CallParty>();
        foreach (var userId in new[] { small, large })
        {
            parties.Add(await CallParty.RegisterAsync(Grains, userId));
            await Grains.GetGrain<IPresenceGrain>(userId).AttachAsync("test-frontend", Grains.CreateObjectReference<ICallObserver>(_frontend));
        }
        return (parties[0], parties[1]);
    }
}
