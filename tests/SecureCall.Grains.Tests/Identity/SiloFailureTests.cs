using Orleans.TestingHost;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Tests.Infrastructure;

namespace SecureCall.Grains.Tests.Identity;

/// <summary>A silo dies between challenge and respond; the challenge lives on in the shared database.</summary>
public sealed class SiloFailureTests : IAsyncLifetime
{
    private readonly ScriptedFaceClusterFixture _fixture = new();

    public ValueTask InitializeAsync() => _fixture.InitializeAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Respond_AfterSiloHostingTheUserIsKilled_SucceedsOnSurvivor()
    {
        using var keys = new TestKeys();
        var grains = _fixture.Client;
        await IdentityFlow.RegisterAsync(grains, "survivor", keys);
        var challenge = await grains.GetGrain<IUserGrain>("survivor").IssueChallengeAsync(ChallengePurpose.Authenticate);
        var host = HostingSilo("survivor");

        await _fixture.Cluster.KillSiloAsync(host, TestContext.Current.CancellationToken);
        var userId = await grains.GetGrain<IUserGrain>("survivor")
            .CompleteAuthenticationAsync(challenge.ChallengeId, IdentityFlow.SignAuthentication("survivor", keys, challenge));

        Assert.Equal("survivor", userId);
        Assert.NotEqual(host.SiloAddress, HostOf("survivor"));
    }

    [Fact]
    public async Task ConsumedChallenge_AfterSiloHostingItIsKilled_StaysConsumed()
    {
        using var keys = new TestKeys();
        var grains = _fixture.Client;
        await IdentityFlow.RegisterAsync(grains, "no-replay", keys);
        var used = await grains.GetGrain<IUserGrain>("no-replay").IssueChallengeAsync(ChallengePurpose.Authenticate);
        var host = HostingSilo("no-replay");
        var signature = IdentityFlow.SignAuthentication("no-replay", keys, used);
        await grains.GetGrain<IUserGrain>("no-replay").CompleteAuthenticationAsync(used.ChallengeId, signature);

        await _fixture.Cluster.KillSiloAsync(host, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<Interfaces.Errors.SecureCallException>(() =>
            grains.GetGrain<IUserGrain>("no-replay").CompleteAuthenticationAsync(used.ChallengeId, signature));
        Assert.Equal(Interfaces.Errors.FailureCode.ChallengeAlreadyUsed, error.Code);
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
        var status = await session.StartAsync("crash-verifier", _fixture.SignedIn("crash-verifier"));
        var challenge = status.Current!;
        foreach (var frame in new Verification.FaceSequence().Resting(6).Add(4, f => Verification.ChallengeDetectorTests.Perform(challenge.Kind, f)).Resting(3).Frames)
        {
            if ((await session.SubmitScriptedFrameAsync("crash-verifier", challenge.ChallengeId, challenge.Nonce, frame)).ChallengeResult is not null)
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

    /// <summary>The silo holding the user's activation: the one the test kills, whichever it is.</summary>
    private InProcessSiloHandle HostingSilo(string userId)
    {
        var address = HostOf(userId) ?? throw new InvalidOperationException("The user has no activation.");
        return _fixture.Cluster.Silos.Single(silo => silo.SiloAddress == address);
    }

    private SiloAddress? HostOf(string userId) => HostOf(_fixture.Client.GetGrain<IUserGrain>(userId).GetGrainId());

    private SiloAddress? HostOf(GrainId grainId) =>
        _fixture.Cluster.TryGetGrainContext(grainId, out var context) ? context.Address.SiloAddress : null;
}
