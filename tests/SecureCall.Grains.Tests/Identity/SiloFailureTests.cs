using Orleans.TestingHost;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Tests.Infrastructure;

namespace SecureCall.Grains.Tests.Identity;

/// <summary>A silo dies between challenge and respond; the challenge lives on in shared storage.</summary>
public sealed class SiloFailureTests : IAsyncLifetime
{
    private readonly ClusterFixture _fixture = new();

    public ValueTask InitializeAsync() => _fixture.InitializeAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Respond_AfterSiloHostingChallengeIsKilled_SucceedsOnSurvivor()
    {
        using var keys = new TestKeys();
        var grains = _fixture.Client;
        await IdentityFlow.RegisterAsync(grains, "survivor", keys);
        var challenge = await grains.GetGrain<IUserGrain>("survivor").IssueChallengeAsync(ChallengePurpose.Authenticate);
        var host = HostingSilo(challenge.ChallengeId);

        await _fixture.Cluster.KillSiloAsync(host, TestContext.Current.CancellationToken);
        var userId = await grains.GetGrain<IChallengeGrain>(challenge.ChallengeId)
            .CompleteAuthenticationAsync(IdentityFlow.SignAuthentication("survivor", keys, challenge));

        Assert.Equal("survivor", userId);
        Assert.NotEqual(host.SiloAddress, HostOf(challenge.ChallengeId));
    }

    [Fact]
    public async Task ConsumedChallenge_AfterSiloHostingItIsKilled_StaysConsumed()
    {
        using var keys = new TestKeys();
        var grains = _fixture.Client;
        await IdentityFlow.RegisterAsync(grains, "no-replay", keys);
        var used = await grains.GetGrain<IUserGrain>("no-replay").IssueChallengeAsync(ChallengePurpose.Authenticate);
        var host = HostingSilo(used.ChallengeId);
        var signature = IdentityFlow.SignAuthentication("no-replay", keys, used);
        await grains.GetGrain<IChallengeGrain>(used.ChallengeId).CompleteAuthenticationAsync(signature);

        await _fixture.Cluster.KillSiloAsync(host, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<Interfaces.Errors.SecureCallException>(() =>
            grains.GetGrain<IChallengeGrain>(used.ChallengeId).CompleteAuthenticationAsync(signature));
    }

    [Fact]
    public async Task AcceptedCall_AfterSiloHostingItIsKilled_KeepsItsStateAndCanBeHungUp()
    {
        var grains = _fixture.Client;
        var frontend = new Calls.RecordingObserver();
        using var alice = await Calls.CallParty.RegisterAsync(grains, "crash-a");
        using var bob = await Calls.CallParty.RegisterAsync(grains, "crash-b");
        foreach (var user in new[] { alice.UserId, bob.UserId })
        {
            await grains.GetGrain<Interfaces.Calls.IPresenceGrain>(user).AttachAsync("f1", grains.CreateObjectReference<Interfaces.Calls.ICallObserver>(frontend));
        }
        var callId = Calls.CallParty.NewCallId();
        var call = grains.GetGrain<Interfaces.Calls.ICallGrain>(callId);
        await call.PlaceAsync(alice.Assurance(), alice.Offer(callId, bob.UserId));
        await call.AcceptAsync(bob.Assurance(), "tab", bob.Answer(callId, alice.UserId));
        var host = _fixture.Cluster.Silos.Single(s => s.SiloAddress == HostOf(call.GetGrainId()));

        await _fixture.Cluster.KillSiloAsync(host, TestContext.Current.CancellationToken);

        Assert.Equal(Interfaces.Calls.CallState.Accepted, (await call.GetAsync(alice.UserId)).State);
        Assert.Equal(Interfaces.Calls.CallState.Ended, (await call.HangUpAsync(alice.UserId, "after crash")).State);
    }

    [Fact]
    public async Task VerificationSession_AfterSiloHostingItIsKilled_FailsClosedWithReason()
    {
        var session = _fixture.Client.GetGrain<Interfaces.Verification.IVerificationSessionGrain>("crash-session");
        var status = await session.StartAsync("crash-verifier");
        var challenge = status.Current!;
        foreach (var frame in new Verification.FaceSequence().Resting(6).Add(4, f => Verification.ChallengeDetectorTests.Perform(challenge.Kind, f)).Resting(3).Frames)
        {
            if ((await session.SubmitAsync("crash-verifier", challenge.ChallengeId, challenge.Nonce, frame)).ChallengeResult is not null)
            {
                break;
            }
        }
        var host = _fixture.Cluster.Silos.Single(s => s.SiloAddress == HostOf(session.GetGrainId()));

        await _fixture.Cluster.KillSiloAsync(host, TestContext.Current.CancellationToken);
        var after = await session.GetAsync("crash-verifier");

        Assert.Equal(Interfaces.Verification.VerificationState.Terminated, after.State);
        Assert.Contains("interrupted", after.Reason);
        Assert.Null(after.Token);
    }

    /// <summary>The silo holding the challenge's activation: the one the test kills, whichever it is.</summary>
    private InProcessSiloHandle HostingSilo(string challengeId)
    {
        var address = HostOf(challengeId) ?? throw new InvalidOperationException("The challenge has no activation.");
        return _fixture.Cluster.Silos.Single(silo => silo.SiloAddress == address);
    }

    private SiloAddress? HostOf(string challengeId) => HostOf(_fixture.Client.GetGrain<IChallengeGrain>(challengeId).GetGrainId());

    private SiloAddress? HostOf(GrainId grainId) =>
        _fixture.Cluster.TryGetGrainContext(grainId, out var context) ? context.Address.SiloAddress : null;
}
