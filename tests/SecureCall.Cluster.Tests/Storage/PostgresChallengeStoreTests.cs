using SecureCall.Cluster.Tests.Infrastructure;
using SecureCall.Grains.Identity;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security.Challenges;
using SecureCall.Storage.Postgres;

namespace SecureCall.Cluster.Tests.Storage;

public sealed class PostgresChallengeStoreTests(PostgresFixture postgres) : IAsyncLifetime
{
    private MigratedDatabase _database = null!;
    private PostgresChallengeStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync(postgres, "challenge");
        _store = new PostgresChallengeStore(_database.NewDataSource());
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Consume_FiftyConcurrentConsumersOnTwoSilos_ExactlyOneConsumes()
    {
        var other = new PostgresChallengeStore(_database.NewDataSource());
        var challenge = NewChallenge("racer");
        Assert.True(await _store.AddAsync(challenge));
        using var start = new SemaphoreSlim(0);

        var attempts = Enumerable.Range(0, 50).Select(async i =>
        {
            await start.WaitAsync();
            return await (i % 2 == 0 ? _store : other).ConsumeAsync(challenge.Id, _database.Time.GetUtcNow());
        }).ToList();
        start.Release(50);
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, o => o.Outcome == ConsumeOutcome.Consumed);
        Assert.Equal(49, outcomes.Count(o => o.Outcome == ConsumeOutcome.AlreadyUsed));
        Assert.All(outcomes, o => Assert.Equal(challenge, o.Challenge));
        Assert.Equal(ConsumeOutcome.AlreadyUsed, (await _store.ConsumeAsync(challenge.Id, _database.Time.GetUtcNow())).Outcome);
    }

    [Fact]
    public async Task Consume_UnknownId_IsUnknownAndCreatesNothing()
    {
        var outcome = await _store.ConsumeAsync("nobody:nothing", _database.Time.GetUtcNow());

        Assert.Equal(new ChallengeConsumption(ConsumeOutcome.Unknown, null), outcome);
        Assert.Equal("0", await _database.PsqlAsync("SELECT count(*) FROM securecall_challenge"));
    }

    [Fact]
    public async Task Add_TakenId_IsRefusedAndKeepsTheFirstChallenge()
    {
        var first = NewChallenge("first");
        await _store.AddAsync(first);

        Assert.False(await _store.AddAsync(first with { UserId = "second", Nonce = "other" }));
        Assert.Equal(first, (await _store.ConsumeAsync(first.Id, _database.Time.GetUtcNow())).Challenge);
    }

    [Fact]
    public async Task Add_OversizedNonce_IsRefusedByTheSchema()
    {
        var challenge = NewChallenge("big") with { Nonce = new string('n', 129) };

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _store.AddAsync(challenge));
    }

    [Fact]
    public async Task DeleteExpiredBefore_RemovesOnlyChallengesExpiredBeforeTheCutoff()
    {
        var old = NewChallenge("old");
        await _store.AddAsync(old);
        await _store.ConsumeAsync(old.Id, _database.Time.GetUtcNow());
        _database.Time.Advance(TimeSpan.FromMinutes(10));
        var fresh = NewChallenge("fresh");
        await _store.AddAsync(fresh);

        var deleted = await _store.DeleteExpiredBeforeAsync(_database.Time.GetUtcNow());

        Assert.Equal(1, deleted);
        Assert.Equal(ConsumeOutcome.Unknown, (await _store.ConsumeAsync(old.Id, _database.Time.GetUtcNow())).Outcome);
        Assert.Equal(ConsumeOutcome.Consumed, (await _store.ConsumeAsync(fresh.Id, _database.Time.GetUtcNow())).Outcome);
    }

    [Fact]
    public async Task DeleteExpiredBefore_MoreThanOneBatch_DeletesThemAll()
    {
        var challenges = Enumerable.Range(0, 4_500).Select(i => NewChallenge($"user{i}")).ToList();
        foreach (var slice in challenges.Chunk(500))
        {
            await Task.WhenAll(slice.Select(_store.AddAsync));
        }
        _database.Time.Advance(TimeSpan.FromMinutes(10));
        var fresh = NewChallenge("fresh");
        await _store.AddAsync(fresh);

        var deleted = await _store.DeleteExpiredBeforeAsync(_database.Time.GetUtcNow());

        Assert.Equal(4_500, deleted);
        Assert.Equal("1", await _database.PsqlAsync("SELECT count(*) FROM securecall_challenge"));
        Assert.Equal(ConsumeOutcome.Consumed, (await _store.ConsumeAsync(fresh.Id, _database.Time.GetUtcNow())).Outcome);
    }

    private ChallengeRecord NewChallenge(string userId)
    {
        var now = _database.Time.GetUtcNow();
        return new ChallengeRecord(ChallengeIds.New(userId), userId, ChallengePurpose.Authenticate, $"nonce-of-{userId}", now, now.AddMinutes(5));
    }
}
