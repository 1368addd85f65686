using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SecureCall.Options;
using SecureCall.Security;
using SecureCall.Security.Tokens;
using SecureCall.Storage.Postgres;
using SecureCall.Tests.Shared;

namespace SecureCall.Cluster.Tests.Infrastructure;

/// <summary>A fresh database with every schema script applied, a fake clock and a throw-away token key ring.</summary>
public sealed class MigratedDatabase : IAsyncDisposable
{
    private readonly DirectoryInfo _keyDirectory = Directory.CreateTempSubdirectory("securecall-keys-");
    private readonly List<NpgsqlDataSource> _dataSources = [];

    private MigratedDatabase(PostgresServer server, string connectionString)
    {
        Server = server;
        ConnectionString = connectionString;
        Keys = new SigningKeyRing(
            Microsoft.Extensions.Options.Options.Create(new TokenOptions { KeyDirectory = _keyDirectory.FullName }),
            Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = _keyDirectory.FullName }),
            NullLogger<SigningKeyRing>.Instance);
    }

    public PostgresServer Server { get; }
    public string ConnectionString { get; }
    public SigningKeyRing Keys { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public SecurityClock Clock => new(Time);

    public static async Task<MigratedDatabase> CreateAsync(PostgresFixture postgres, string prefix)
    {
        var database = new MigratedDatabase(postgres.Server, await postgres.Server.CreateDatabaseAsync(prefix));
        await new SchemaMigrator(database.NewDataSource(), NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return database;
    }

    /// <summary>Another connection pool on the same database, as another silo would have.</summary>
    public NpgsqlDataSource NewDataSource()
    {
        var dataSource = NpgsqlDataSource.Create(ConnectionString);
        _dataSources.Add(dataSource);
        return dataSource;
    }

    /// <summary>SQL run outside the application, as an operator or attacker with database access would.</summary>
    public Task<string> PsqlAsync(string sql) => Server.PsqlAsync(ConnectionString, sql);

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
        _keyDirectory.Delete(recursive: true);
    }
}
