using Microsoft.Extensions.Time.Testing;
using SecureCall.Grains.Identity;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security.Challenges;
using Xunit;

namespace SecureCall.Tests.Shared;

/// <summary>
/// What every challenge store must do, stated once and run against each store (SQLite in the grain tests, PostgreSQL
/// in the cluster tests): a nonce is consumed at most once, whoever races for it.
/// </summary>
public abstract class ChallengeStoreContract
{
    /// <summary>The store under test.</summary>
    protected abstract IChallengeStore Store { get; }

    /// <summary>The clock challenges are issued and consumed by.</summary>
    protected abstract FakeTimeProvider Time { get; }

    /// <summary>Another store on the same database: another silo (or the same host again).</summary>
    protected abstract IChallengeStore Reopen();

    /// <summary>How many challenges the database holds, counted directly.</summary>
    protected abstract Task<long> CountAsync();

    [Fact]
    public async Task Consume_FiftyConcurrentAttemptsOnTwoStores_ExactlyOneConsumes()
    {
        var other = Reopen();
        var challenge = NewChallenge("racer");
        Assert.True(await Store.AddAsync(challenge));
        using var start = new SemaphoreSlim(0);

        var attempts = Enumerable.Range(0, 50).Select(async i =>
        {
            await start.WaitAsync();
            return await (i % 2 == 0 ? Store : other).ConsumeAsync(challenge.Id, Time.GetUtcNow());
        }).ToList();
        start.Release(50);
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, o => o.Outcome == ConsumeOutcome.Consumed);
        Assert.Equal(49, outcomes.Count(o => o.Outcome == ConsumeOutcome.AlreadyUsed));
        Assert.All(outcomes, o => Assert.Equal(challenge, o.Challenge));
        Assert.Equal(ConsumeOutcome.AlreadyUsed, (await Store.ConsumeAsync(challenge.Id, Time.GetUtcNow())).Outcome);
    }

    [Fact]
    public async Task Consume_UnknownId_IsUnknownAndCreatesNothing()
    {
        var outcome = await Store.ConsumeAsync("nobody:nothing", Time.GetUtcNow());

        Assert.Equal(new ChallengeConsumption(ConsumeOutcome.Unknown, null), outcome);
        Assert.Equal(ConsumeOutcome.Unknown, (await Store.ConsumeAsync("nobody:nothing", Time.GetUtcNow())).Outcome);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Add_TakenId_IsRefusedAndKeepsTheFirstChallenge()
    {
        var first = NewChallenge("first");
        await Store.AddAsync(first);

        Assert.False(await Reopen().AddAsync(first with { UserId = "second", Nonce = "other" }));
        Assert.Equal(first, (await Store.ConsumeAsync(first.Id, Time.GetUtcNow())).Challenge);
    }

    [Fact]
    public async Task DeleteExpiredBefore_RemovesOnlyChallengesExpiredBeforeTheCutoff_UsedOrNot()
    {
        var used = NewChallenge("used");
        var unused = NewChallenge("unused");
        await Store.AddAsync(used);
        await Store.AddAsync(unused);
        await Store.ConsumeAsync(used.Id, Time.GetUtcNow());
        Time.Advance(TimeSpan.FromMinutes(10));
        var fresh = NewChallenge("fresh");
        await Store.AddAsync(fresh);

        var deleted = await Store.DeleteExpiredBeforeAsync(Time.GetUtcNow());

        Assert.Equal(2, deleted);
        Assert.Equal(ConsumeOutcome.Unknown, (await Store.ConsumeAsync(used.Id, Time.GetUtcNow())).Outcome);
        Assert.Equal(ConsumeOutcome.Unknown, (await Store.ConsumeAsync(unused.Id, Time.GetUtcNow())).Outcome);
        Assert.Equal(ConsumeOutcome.Consumed, (await Store.ConsumeAsync(fresh.Id, Time.GetUtcNow())).Outcome);
    }

    [Fact]
    public async Task DeleteExpiredBefore_MoreThanOneBatch_DeletesThemAll()
    {
        var challenges = Enumerable.Range(0, 4_500).Select(i => NewChallenge($"user{i}")).ToList();
        foreach (var slice in challenges.Chunk(500))
        {
            await Task.WhenAll(slice.Select(Store.AddAsync));
        }
        Time.Advance(TimeSpan.FromMinutes(10));
        var fresh = NewChallenge("fresh");
        await Store.AddAsync(fresh);

        var deleted = await Store.DeleteExpiredBeforeAsync(Time.GetUtcNow());

        Assert.Equal(4_500, deleted);
        Assert.Equal(1, await CountAsync());
        Assert.Equal(ConsumeOutcome.Consumed, (await Store.ConsumeAsync(fresh.Id, Time.GetUtcNow())).Outcome);
    }

    protected ChallengeRecord NewChallenge(string userId)
    {
        var now = Time.GetUtcNow();
        return new ChallengeRecord(ChallengeIds.New(userId), userId, ChallengePurpose.Authenticate, $"nonce-of-{userId}", now, now.AddMinutes(5));
    }
}
