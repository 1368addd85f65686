using Microsoft.Extensions.Time.Testing;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Security.Challenges;
using SecureCall.Storage.Sqlite;
using SecureCall.Tests.Shared;

namespace SecureCall.Grains.Tests.Identity;

/// <summary>The challenge store contract on the embedded database.</summary>
public sealed class SqliteChallengeStoreTests : ChallengeStoreContract, IAsyncDisposable
{
    private readonly ServiceFactory _services = new();
    private readonly SqliteChallengeStore _store;

    public SqliteChallengeStoreTests() => _store = new SqliteChallengeStore(_services.Database);

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    protected override IChallengeStore Store => _store;
    protected override FakeTimeProvider Time => _services.Time;

    protected override IChallengeStore Reopen() => new SqliteChallengeStore(_services.Database);

    protected override Task<long> CountAsync() => _services.Database.ReadAsync(session => (long)session.Command("SELECT count(*) FROM challenge").ExecuteScalar()!);
}
