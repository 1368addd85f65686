using Npgsql;
using SecureCall.Security.Audit;

namespace SecureCall.Storage.Postgres;

/// <summary>The audit tables' reads and writes that the log's writer, verifier, checkpointer and purger share.</summary>
internal static class PostgresAuditSql
{
    public const string Columns = "seq, ts, event_type, subject, source, detail, prev_hash, hash";
    public const string CheckpointColumns = "seq, hash, created_at, key_id, signature";

    public static async Task<(long Sequence, byte[] Hash)> ReadChainHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool lockIt)
    {
        await using var command = new NpgsqlCommand(
            "SELECT seq, hash FROM securecall_audit_chain_head WHERE id = 1" + (lockIt ? " FOR UPDATE" : ""), connection, transaction);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false)
            ? (reader.GetInt64(0), (byte[])reader[1])
            : throw new InvalidOperationException("The audit chain head row is missing: run the schema migration (SecureCall.Silo migrate).");
    }

    public static async Task<(long? Sequence, byte[]? Hash)> ReadNewestRecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand("SELECT seq, hash FROM securecall_audit_record ORDER BY seq DESC LIMIT 1", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false) ? (reader.GetInt64(0), (byte[])reader[1]) : (null, null);
    }

    public static async Task<byte[]?> ReadHashAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long sequence) =>
        await ReadScalarAsync(connection, transaction, "SELECT hash FROM securecall_audit_record WHERE seq = $1", sequence).ConfigureAwait(false) as byte[];

    public static async Task<AuditCheckpoint?> ReadPurgeCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        (await ReadCheckpointsAsync(connection, transaction,
            "SELECT " + CheckpointColumns + " FROM securecall_audit_purge_checkpoint WHERE id = $1", 1).ConfigureAwait(false)).SingleOrDefault();

    public static async Task<List<AuditCheckpoint>> ReadCheckpointsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, long argument)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new() { Value = argument });
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var checkpoints = new List<AuditCheckpoint>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            checkpoints.Add(new AuditCheckpoint(
                reader.GetInt64(0), (byte[])reader[1], reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3), (byte[])reader[4]));
        }
        return checkpoints;
    }

    public static async Task<List<AuditRecord>> ReadPageAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long afterSequence, int maxCount)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM securecall_audit_record WHERE seq > $1 ORDER BY seq LIMIT $2", connection, transaction);
        command.Parameters.Add(new() { Value = afterSequence });
        command.Parameters.Add(new() { Value = maxCount });
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            records.Add(new AuditRecord(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), (byte[])reader[6], (byte[])reader[7]));
        }
        return records;
    }

    public static NpgsqlBatchCommand BatchCommand(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] values)
    {
        await using var command = Command(connection, transaction, sql, values);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public static async Task<object?> ReadScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] values)
    {
        await using var command = Command(connection, transaction, sql, values);
        var result = await command.ExecuteScalarAsync().ConfigureAwait(false);
        return result is DBNull ? null : result;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }
}
