using Npgsql;
using SecureCall.Security;
using SecureCall.Security.Audit;

namespace SecureCall.Storage.Postgres;

/// <summary>
/// Signs the chain head into <c>securecall_audit_head_checkpoint</c> when it moved, and refuses (writing nothing) when
/// the stored checkpoints contradict the chain: a checkpoint this silo saw is gone, the chain head row disagrees with
/// the newest record, or the newest checkpoint no longer matches the record it names.
/// </summary>
internal sealed class PostgresHeadCheckpointer(NpgsqlDataSource dataSource, AuditCheckpointSigner signer, SeenHeadCheckpoint seenHead, SecurityClock time)
{
    public async Task<HeadCheckpointOutcome> CheckpointHeadAsync()
    {
        var seen = seenHead.Newest;
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        // Locking the chain head holds appends still and makes concurrent checkpointers take turns.
        var (headSequence, headHash) = await PostgresAuditSql.ReadChainHeadAsync(connection, transaction, lockIt: true).ConfigureAwait(false);
        var purgedUpTo = (await PostgresAuditSql.ReadPurgeCheckpointAsync(connection, transaction).ConfigureAwait(false))?.Sequence ?? 0;
        var stored = (await PostgresAuditSql.ReadCheckpointsAsync(connection, transaction,
            "SELECT " + PostgresAuditSql.CheckpointColumns + " FROM securecall_audit_head_checkpoint ORDER BY seq DESC LIMIT $1", 1).ConfigureAwait(false)).SingleOrDefault();
        var newest = stored is null || (seen is not null && seen.Sequence > stored.Sequence) ? seen : stored;
        if (seen is not null && seen.Sequence > purgedUpTo && (stored is null || stored.Sequence < seen.Sequence))
        {
            return new HeadCheckpointOutcome(newest, false,
                $"The signed head checkpoint for record {seen.Sequence}, which this silo saw, is gone from the database.");
        }
        var (lastSequence, _) = await PostgresAuditSql.ReadNewestRecordAsync(connection, transaction).ConfigureAwait(false);
        if (lastSequence is { } last && last != headSequence)
        {
            return new HeadCheckpointOutcome(newest, false, $"The log ends at record {last}, but the chain head names record {headSequence}.");
        }
        if (stored is not null)
        {
            var recordHash = await PostgresAuditSql.ReadHashAsync(connection, transaction, stored.Sequence).ConfigureAwait(false);
            if (signer.HeadContradiction(stored, purgedUpTo, headSequence, recordHash) is { } contradiction)
            {
                return new HeadCheckpointOutcome(newest, false, contradiction);
            }
        }
        if (headSequence == 0 || headSequence <= purgedUpTo || (newest is not null && newest.Sequence >= headSequence))
        {
            // Nothing new since the last checkpoint (or nothing at all): no signature, no write.
            return new HeadCheckpointOutcome(newest, false, null);
        }
        var checkpoint = signer.SignHead(headSequence, headHash, now);
        await PostgresAuditSql.ExecuteAsync(connection, transaction,
            $"INSERT INTO securecall_audit_head_checkpoint ({PostgresAuditSql.CheckpointColumns}) VALUES ($1, $2, $3, $4, $5)",
            checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAt, checkpoint.KeyId, checkpoint.Signature).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        seenHead.Remember(checkpoint);
        return new HeadCheckpointOutcome(checkpoint, true, null);
    }
}
