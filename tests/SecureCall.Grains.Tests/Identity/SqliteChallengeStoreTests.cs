using SecureCall.Grains.Identity;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Security.Challenges;
using SecureCall.Storage.Sqlite;

namespace SecureCall.Grains.Tests.Identity;

public sealed class SqliteChallengeStoreTests : IAsyncDisposable
{
    private readonly ServiceFactory _services = new();
    private readonly SqliteChallengeStore _store;

    public SqliteChallengeStoreTests() => _store = new SqliteChallengeStore(_services.Database);

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task Consume_ConcurrentAttempts_ExactlyOneConsumesAndTheRestSeeItUsed()
    {
        var challenge = NewChallenge("racer");
        Assert.True(await _store.AddAsync(challenge));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => _store.ConsumeAsync(challenge.Id, _services.Time.GetUtcNow())));

        Assert.Single(outcomes, o => o.Outcome == ConsumeOutcome.Consumed);
        Assert.Equal(15, outcomes.Count(o => o.Outcome == ConsumeOutcome.AlreadyUsed));
        Assert.All(outcomes, o => Assert.Equal(challenge, o.Challenge));
    }

    [Fact]
    public async Task Consume_UnknownId_IsUnknownAndCreatesNothing()
    {
        var outcome = await _store.ConsumeAsync("nobody:nothing", _services.Time.GetUtcNow());

        Assert.Equal(new ChallengeConsumption(ConsumeOutcome.Unknown, null), outcome);
        Assert.Equal(ConsumeOutcome.Unknown, (await _store.ConsumeAsync("nobody:nothing", _services.Time.GetUtcNow())).Outcome);
    }

    [Fact]
    public async Task Add_TakenId_IsRefusedAndKeepsTheFirstChallenge()
    {
        var first = NewChallenge("first");
        await _store.AddAsync(first);

        Assert.False(await _store.AddAsync(first with { UserId = "second", Nonce = "other" }));
        Assert.Equal(first, (await _store.ConsumeAsync(first.Id, _services.Time.GetUtcNow())).Challenge);
    }

    [Fact]
    public async Task DeleteExpiredBefore_RemovesOnlyChallengesExpiredBeforeTheCutoff()
    {
        var old = NewChallenge("old");
        await _store.AddAsync(old);
        _services.Time.Advance(TimeSpan.FromMinutes(10));
        var fresh = NewChallenge("fresh");
        await _store.AddAsync(fresh);

        var deleted = await _store.DeleteExpiredBeforeAsync(_services.Time.GetUtcNow());

        Assert.Equal(1, deleted);
        Assert.Equal(ConsumeOutcome.Unknown, (await _store.ConsumeAsync(old.Id, _services.Time.GetUtcNow())).Outcome);
        Assert.Equal(ConsumeOutcome.Consumed, (await _store.ConsumeAsync(fresh.Id, _services.Time.GetUtcNow())).Outcome);
    }

    [Fact]
    public async Task DeleteExpiredBefore_MoreThanOneSlice_DeletesThemAll()
    {
        var challenges = Enumerable.Range(0, 4_500).Select(i => NewChallenge($"user{i}")).ToList();
        await Task.WhenAll(challenges.Select(_store.AddAsync));
        _services.Time.Advance(TimeSpan.FromMinutes(10));
        var fresh = NewChallenge("fresh");
        await _store.AddAsync(fresh);

        var deleted = await _store.DeleteExpiredBeforeAsync(_services.Time.GetUtcNow());

        Assert.Equal(4_500, deleted);
        Assert.Equal(ConsumeOutcome.Unknown, (await _store.ConsumeAsync(challenges[^1].Id, _services.Time.GetUtcNow())).Outcome);
        Assert.Equal(ConsumeOutcome.Consumed, (await _store.ConsumeAsync(fresh.Id, _services.Time.GetUtcNow())).Outcome);
    }

    private ChallengeRecord NewChallenge(string userId)
    {
        var now = _services.Time.GetUtcNow();
        return new ChallengeRecord(ChallengeIds.New(userId), userId, ChallengePurpose.Authenticate, $"nonce-of-{userId}", now, now.AddMinutes(5));
    }
}
