using System.Data;
using System.Security.Cryptography;
using Npgsql;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Security.Audit;

namespace SecureCall.Storage.Postgres;

/// <summary>
/// Checks the shared chain in one snapshot: every link from the signed purge checkpoint on, every signed head
/// checkpoint against the record it names, the head checkpoint this silo saw against those still stored, and the chain
/// head row against the newest record, so a cut tail shows even when its checkpoints are gone.
/// </summary>
internal sealed class PostgresAuditVerifier(NpgsqlDataSource dataSource, AuditCheckpointSigner signer, SeenHeadCheckpoint seenHead)
{
    private const int PageSize = 1_000;

    public async Task<AuditVerification> VerifyAsync()
    {
        // Read before the snapshot: a checkpoint this silo writes later only vouches for records the snapshot holds.
        var seen = seenHead.Newest;
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        // One snapshot for the whole walk. It holds a share lock on the table, so partition changes wait for it (or
        // time out and retry): verify on a replica if the log is large.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead).ConfigureAwait(false);
        var purge = await PostgresAuditSql.ReadPurgeCheckpointAsync(connection, transaction).ConfigureAwait(false);
        var heads = await PostgresAuditSql.ReadCheckpointsAsync(connection, transaction,
            "SELECT " + PostgresAuditSql.CheckpointColumns + " FROM securecall_audit_head_checkpoint WHERE seq > $1 ORDER BY seq",
            purge?.Sequence ?? 0).ConfigureAwait(false);
        var (headSequence, headHash) = await PostgresAuditSql.ReadChainHeadAsync(connection, transaction, lockIt: false).ConfigureAwait(false);
        var verifier = AuditChainVerifier.Start(signer, purge, [.. heads, seen]);
        List<AuditRecord> page;
        do
        {
            page = await PostgresAuditSql.ReadPageAsync(connection, transaction, verifier.LastSequence, PageSize).ConfigureAwait(false);
        }
        while (page.Count > 0 && page.All(verifier.Accept));
        var result = verifier.Finish();
        if (!result.IsIntact)
        {
            return result;
        }
        seenHead.Remember(heads.LastOrDefault());
        if (seen is not null && seen.Sequence > (purge?.Sequence ?? 0) && !heads.Any(h => h.Sequence == seen.Sequence))
        {
            return verifier.Broken(AuditFinding.CheckpointInvalid, seen.Sequence,
                $"The signed head checkpoint of {seen.CreatedAt:O} for record {seen.Sequence}, which this silo saw, is gone from the database: checkpoints were deleted.");
        }
        if (headSequence > verifier.LastSequence)
        {
            return verifier.Broken(AuditFinding.TailMissing, verifier.LastSequence + 1,
                $"The log ends at record {verifier.LastSequence}, but the chain head names record {headSequence}: records {verifier.LastSequence + 1} to {headSequence} were cut off.");
        }
        if (headSequence < verifier.LastSequence || !CryptographicOperations.FixedTimeEquals(headHash, verifier.LastHash))
        {
            return verifier.Broken(AuditFinding.HeadMismatch, headSequence,
                $"The chain head names record {headSequence} with another hash than the log's newest record {verifier.LastSequence}: the head or the tail was rewritten.");
        }
        return result;
    }
}
