using SecureCall.Grains.Interfaces.Audit;

namespace SecureCall.Security.Audit;

/// <summary>The tamper-evident, append-only security log.</summary>
public interface IAuditLog
{
    /// <summary>Where the log lives, for operators (the SQLite file, or the PostgreSQL server and database; never a secret).</summary>
    string Location { get; }

    /// <summary>Appends an event; completes once it is durably stored and chained.</summary>
    Task AppendAsync(AuditEvent auditEvent);

    /// <summary>
    /// Appends several events as one write, in order: all are stored or none, and the caller waits for one commit
    /// instead of one per event.
    /// </summary>
    Task AppendAllAsync(IReadOnlyList<AuditEvent> auditEvents);

    /// <summary>
    /// Completes once an append that started after this call is stored: the head checkpoint's schedule waits on it to
    /// sign the head soon after records arrive.
    /// </summary>
    Task NextAppendAsync();

    /// <summary>Reads records in sequence order, starting after <paramref name="afterSequence"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadAsync(long afterSequence, int maxCount);

    /// <summary>
    /// Recomputes every link, starting from the signed purge checkpoint if records were purged, and checks that the
    /// log still holds, unchanged, every record a signed head checkpoint vouches for; reports the first defect.
    /// </summary>
    Task<AuditVerification> VerifyAsync();

    /// <summary>
    /// Signs the chain's current head (sequence and hash) with the active token key and stores it, unless the head is
    /// already checkpointed, or the stored checkpoint is contradicted by the chain (then nothing is overwritten).
    /// </summary>
    Task<HeadCheckpointOutcome> CheckpointHeadAsync();

    /// <summary>
    /// Refuses appends from now on (they throw <see cref="InvalidOperationException"/>) and completes once every append
    /// accepted before is stored (or has failed), so a head checkpoint taken afterwards covers the last record. The
    /// host's shutdown calls it after the silo stopped, before the final head checkpoint.
    /// </summary>
    Task StopAppendingAsync();

    /// <summary>Deletes records older than <paramref name="cutoff"/>, leaving a signed checkpoint; returns how many.</summary>
    Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff);
}
