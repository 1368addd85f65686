using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SecureCall.Options;
using SecureCall.Security;
using SecureCall.Security.Tokens;
using SecureCall.Storage.Sqlite;

namespace SecureCall.Grains.Tests.Infrastructure;

/// <summary>Builds the silo-side services directly (no silo) for unit tests, on a temp directory and a fake clock.</summary>
public sealed class ServiceFactory : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private SqliteDatabase? _database;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public SecurityClock Clock => new(Time);
    public string DataDirectory => _directory.Path;

    public Microsoft.Extensions.Options.IOptions<StorageOptions> StorageOptions =>
        Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = _directory.Path });

    public SqliteDatabase Database => _database ??= new SqliteDatabase(StorageOptions, NullLogger<SqliteDatabase>.Instance);

    public SigningKeyRing KeyRing(TokenOptions? options = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options ?? new TokenOptions()), StorageOptions, NullLogger<SigningKeyRing>.Instance);

    public SqliteAuditLog AuditLog() => new(Database, KeyRing(), Clock);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        _directory.Dispose();
    }
}
