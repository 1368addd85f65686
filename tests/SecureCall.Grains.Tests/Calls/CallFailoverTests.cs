using Orleans.TestingHost;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Tests.Infrastructure;

namespace SecureCall.Grains.Tests.Calls;

/// <summary>The silo holding a call dies while the call waits: its deadline reminder still ends it on the survivor.</summary>
public sealed class CallFailoverTests : IAsyncLifetime
{
    private readonly FailoverClusterFixture _fixture = new();
    private readonly RecordingObserver _frontend = new();

    public ValueTask InitializeAsync() => _fixture.InitializeAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task RingingCall_SiloHoldingItKilled_IsStillMissedAtItsRingTimeout()
    {
        var grains = _fixture.Client;
        using var alice = await CallParty.RegisterAsync(grains, "failover-a");
        using var bob = await CallParty.RegisterAsync(grains, "failover-b");
        await AttachAsync(alice.UserId, bob.UserId);
        var callId = CallParty.NewCallId();
        var call = grains.GetGrain<ICallGrain>(callId);
        var placed = await call.PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));
        var host = SiloHolding(call.GetGrainId());

        await _fixture.Cluster.KillSiloAsync(host, TestContext.Current.CancellationToken);
        // Presence is memory only: the frontends' heartbeat announces the users again on the survivor.
        await AttachAsync(alice.UserId, bob.UserId);
        _fixture.Time.Advance(FailoverClusterFixture.RingTimeout + TimeSpan.FromSeconds(1));

        // Nothing calls the call grain: only its reminder can wake it on the survivor.
        var missed = await _frontend.WaitForAsync<CallStateSignal>(alice.UserId, s => s.CallId == callId && s.State == CallState.Missed);
        Assert.Equal(CallState.Ringing, placed.State);
        Assert.Equal("no answer", missed.Reason);
        Assert.NotEqual(host.SiloAddress, SiloHolding(call.GetGrainId()).SiloAddress);
        Assert.Equal(CallState.Missed, (await call.GetAsync(bob.UserId)).State);
    }

    private async Task AttachAsync(params string[] userIds)
    {
        var observer = _fixture.Client.CreateObjectReference<ICallObserver>(_frontend);
        foreach (var userId in userIds)
        {
            await _fixture.Client.GetGrain<IPresenceGrain>(userId).AttachAsync("test-frontend", observer);
        }
    }

    private InProcessSiloHandle SiloHolding(GrainId grainId) =>
        _fixture.Cluster.Silos.Single(silo => _fixture.Cluster.TryGetGrainContext(grainId, out var context) && context.Address.SiloAddress == silo.SiloAddress);
}
