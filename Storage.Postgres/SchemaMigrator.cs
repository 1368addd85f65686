using Microsoft.Extensions.Logging;
using Npgsql;

namespace SecureCall.Storage.Postgres;

/// <summary>
/// Brings a PostgreSQL database to the current schema: applies, in order and each in its own transaction, the scripts
/// not yet recorded in <c>securecall_schema_migrations</c>. Safe to run from several silos at once (an advisory lock
/// serialises them) and again on an up-to-date database (nothing to do). A recorded script whose text changed is an
/// error: released scripts are immutable, changes come as new scripts.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    // Any constant shared by every SecureCall process; it names the lock, nothing else.
    private const long MigrationLockKey = 0x5EC0_CA11_0001;

    /// <summary>Applies the missing scripts; returns the versions applied by this call.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, """
            CREATE TABLE IF NOT EXISTS securecall_schema_migrations (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        try
        {
            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var done = new List<int>();
            foreach (var script in SchemaScript.All)
            {
                if (applied.TryGetValue(script.Version, out var checksum))
                {
                    if (checksum != script.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Schema script {script.Name} differs from the one applied to this database (checksum {checksum}); released scripts must not change.");
                    }
                    continue;
                }
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO securecall_schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction))
                {
                    record.Parameters.Add(new() { Value = script.Version });
                    record.Parameters.Add(new() { Value = script.Name });
                    record.Parameters.Add(new() { Value = script.Checksum });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied schema script {Script}", script.Name);
                done.Add(script.Version);
            }
            return done;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    /// <summary>The highest applied version, or 0 for an empty database; readiness checks compare it to the latest.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(version), 0) FROM securecall_schema_migrations");
        try
        {
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    public static int LatestVersion => SchemaScript.All[^1].Version;

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM securecall_schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
