using Microsoft.Extensions.Time.Testing;
using SecureCall.Cluster.Tests.Infrastructure;
using SecureCall.Security.Challenges;
using SecureCall.Storage.Postgres;
using SecureCall.Tests.Shared;

namespace SecureCall.Cluster.Tests.Storage;

/// <summary>The challenge store contract on the cluster's PostgreSQL (two stores are two silos), and its schema's bound on a nonce.</summary>
public sealed class PostgresChallengeStoreTests(PostgresFixture postgres) : ChallengeStoreContract, IAsyncLifetime
{
    private MigratedDatabase _database = null!;
    private PostgresChallengeStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync(postgres, "challenge");
        _store = new PostgresChallengeStore(_database.NewDataSource());
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IChallengeStore Store => _store;
    protected override FakeTimeProvider Time => _database.Time;

    protected override IChallengeStore Reopen() => new PostgresChallengeStore(_database.NewDataSource());

    protected override async Task<long> CountAsync() => long.Parse(await _database.PsqlAsync("SELECT count(*) FROM securecall_challenge"));

    [Fact]
    public async Task Add_OversizedNonce_IsRefusedByTheSchema()
    {
        var challenge = NewChallenge("big") with { Nonce = new string('n', 129) };

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _store.AddAsync(challenge));
    }
}
