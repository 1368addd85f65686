using Npgsql;
using SecureCall.Security;
using SecureCall.Security.Audit;

namespace SecureCall.Storage.Postgres;

/// <summary>
/// Drops the day partitions that lie wholly before a cutoff and leaves a signed purge checkpoint at the newest record
/// dropped, so the chain left still verifies from it. Whole days go at once: a purge never deletes rows one by one.
/// </summary>
internal sealed class PostgresAuditPurger(NpgsqlDataSource dataSource, AuditCheckpointSigner signer, SecurityClock time)
{
    /// <summary>
    /// Records of the cutoff's own day stay until their whole day is past it (at most one day longer). Records whose
    /// sequence is covered by the new purge checkpoint but that sit in a later partition (a silo's clock behind
    /// another's around midnight) are deleted with them, so the chain left starts right after the checkpoint.
    /// Returns how many records the checkpoint moved past.
    /// </summary>
    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff)
    {
        try
        {
            return await PurgeDaysAsync(cutoff).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new TimeoutException(
                $"The audit purge did not get the audit table within {PostgresAuditPartitions.LockTimeout} (a verification or long read holds it); nothing was purged, retry later.", e);
        }
    }

    private async Task<int> PurgeDaysAsync(DateTimeOffset cutoff)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await PostgresAuditPartitions.SetLockTimeoutAsync(connection, transaction).ConfigureAwait(false);
        await PostgresAuditSql.ReadChainHeadAsync(connection, transaction, lockIt: true).ConfigureAwait(false);
        var due = (await PostgresAuditPartitions.ListAsync(connection, transaction).ConfigureAwait(false))
            .Where(p => PostgresAuditPartitions.StartOf(p.Day.AddDays(1)) <= cutoff)
            .Select(p => PostgresAuditPartitions.Quote(p.Name))
            .ToList();
        if (due.Count == 0)
        {
            return 0;
        }
        var previous = await PostgresAuditSql.ReadPurgeCheckpointAsync(connection, transaction).ConfigureAwait(false);
        var newest = await PostgresAuditSql.ReadScalarAsync(connection, transaction,
            $"SELECT max(seq) FROM ({string.Join(" UNION ALL ", due.Select(name => $"(SELECT max(seq) AS seq FROM {name})"))}) newest") as long?;
        var purged = 0L;
        if (newest is { } last && last > (previous?.Sequence ?? 0))
        {
            var hash = await PostgresAuditSql.ReadHashAsync(connection, transaction, last).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Audit record {last} vanished during the purge.");
            var checkpoint = signer.SignPurge(last, hash, now);
            await PostgresAuditSql.ExecuteAsync(connection, transaction, $"""
                INSERT INTO securecall_audit_purge_checkpoint (id, {PostgresAuditSql.CheckpointColumns}) VALUES (1, $1, $2, $3, $4, $5)
                ON CONFLICT (id) DO UPDATE SET seq = $1, hash = $2, created_at = $3, key_id = $4, signature = $5
                """, checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAt, checkpoint.KeyId, checkpoint.Signature).ConfigureAwait(false);
            purged = last - (previous?.Sequence ?? 0);
        }
        foreach (var name in due)
        {
            await PostgresAuditSql.ExecuteAsync(connection, transaction, $"DROP TABLE {name}").ConfigureAwait(false);
        }
        if (newest is { } covered)
        {
            await PostgresAuditSql.ExecuteAsync(connection, transaction, "DELETE FROM securecall_audit_record WHERE seq <= $1", covered).ConfigureAwait(false);
            // Head checkpoints the purge checkpoint now covers, except the newest, which tells a later cut apart.
            await PostgresAuditSql.ExecuteAsync(connection, transaction, """
                DELETE FROM securecall_audit_head_checkpoint
                WHERE seq <= $1 AND seq < (SELECT max(seq) FROM securecall_audit_head_checkpoint)
                """, covered).ConfigureAwait(false);
        }
        await transaction.CommitAsync().ConfigureAwait(false);
        return (int)Math.Min(purged, int.MaxValue);
    }
}
