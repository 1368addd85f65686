using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Tests.Infrastructure;

namespace SecureCall.Grains.Tests.Calls;

/// <summary>A call that rings nobody, or nobody answers, is kept for the callee and shown to them once.</summary>
public sealed class MissedCallsTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly RecordingObserver _frontend = new();
    private IClusterClient Grains => fixture.Client;

    [Fact]
    public async Task Place_CalleeNotConnected_IsKeptForTheCalleeAndTakenOnce()
    {
        var alice = await CallParty.RegisterAsync(Grains, "missed-a");
        await Grains.GetGrain<IPresenceGrain>(alice.UserId).AttachAsync("test-frontend", Grains.CreateObjectReference<ICallObserver>(_frontend));
        var bob = await CallParty.RegisterAsync(Grains, "missed-b");
        var callId = CallParty.NewCallId();

        var placed = await Grains.GetGrain<ICallGrain>(callId).PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));
        var first = await Missed(bob.UserId).TakeAsync();
        var second = await Missed(bob.UserId).TakeAsync();

        Assert.Equal(CallState.Missed, placed.State);
        var missed = Assert.Single(first);
        Assert.Equal((callId, alice.UserId, placed.CreatedAt), (missed.CallId, missed.CallerId, missed.At));
        Assert.Empty(second);
        Assert.Empty(await Missed(alice.UserId).TakeAsync());
    }

    [Fact]
    public async Task Add_BeyondTheCap_KeepsTheNewestAndIgnoresRepeats()
    {
        var grain = Missed("missed-flood");
        var start = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < MissedCallsGrainCap + 5; i++)
        {
            await grain.AddAsync(new MissedCall($"call-{i}", "caller", start.AddMinutes(i)));
        }
        await grain.AddAsync(new MissedCall($"call-{MissedCallsGrainCap + 4}", "caller", start));

        var kept = await grain.TakeAsync();

        Assert.Equal(MissedCallsGrainCap, kept.Count);
        Assert.Equal("call-5", kept[0].CallId);
        Assert.Equal($"call-{MissedCallsGrainCap + 4}", kept[^1].CallId);
    }

    private const int MissedCallsGrainCap = SecureCall.Grains.Calls.MissedCallsGrain.MaxKept;

    private IMissedCallsGrain Missed(string userId) => Grains.GetGrain<IMissedCallsGrain>(userId);
}
