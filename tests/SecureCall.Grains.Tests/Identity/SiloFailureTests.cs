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
        var secondary = _fixture.Cluster.Silos[1];
        var onSecondary = await IssueChallengeHostedOnAsync("survivor", secondary.SiloAddress);

        await _fixture.Cluster.KillSiloAsync(secondary, TestContext.Current.CancellationToken);
        var userId = await grains.GetGrain<IChallengeGrain>(onSecondary.ChallengeId)
            .CompleteAuthenticationAsync(IdentityFlow.SignAuthentication("survivor", keys, onSecondary));

        Assert.Equal("survivor", userId);
        Assert.NotEqual(secondary.SiloAddress, HostOf(onSecondary.ChallengeId));
    }

    [Fact]
    public async Task ConsumedChallenge_AfterSiloHostingItIsKilled_StaysConsumed()
    {
        using var keys = new TestKeys();
        var grains = _fixture.Client;
        await IdentityFlow.RegisterAsync(grains, "no-replay", keys);
        var secondary = _fixture.Cluster.Silos[1];
        var used = await IssueChallengeHostedOnAsync("no-replay", secondary.SiloAddress);
        var signature = IdentityFlow.SignAuthentication("no-replay", keys, used);
        await grains.GetGrain<IChallengeGrain>(used.ChallengeId).CompleteAuthenticationAsync(signature);

        await _fixture.Cluster.KillSiloAsync(secondary, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<Interfaces.Errors.SecureCallException>(() =>
            grains.GetGrain<IChallengeGrain>(used.ChallengeId).CompleteAuthenticationAsync(signature));
    }

    /// <summary>Keeps asking until a challenge lands on <paramref name="silo"/>, the one a test is about to kill.</summary>
    private async Task<IssuedChallenge> IssueChallengeHostedOnAsync(string userId, SiloAddress silo)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var challenge = await _fixture.Client.GetGrain<IUserGrain>(userId).IssueChallengeAsync(ChallengePurpose.Authenticate);
            if (HostOf(challenge.ChallengeId) == silo)
            {
                return challenge;
            }
        }
        throw new InvalidOperationException($"No challenge was placed on {silo} in 50 attempts.");
    }

    private SiloAddress? HostOf(string challengeId)
    {
        var grainId = _fixture.Client.GetGrain<IChallengeGrain>(challengeId).GetGrainId();
        return _fixture.Cluster.TryGetGrainContext(grainId, out var context) ? context.Address.SiloAddress : null;
    }
}
