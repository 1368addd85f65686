using SecureCall.Grains.Interfaces.Audit;

namespace SecureCall.Security.Audit;

/// <summary>The tamper-evident, append-only security log.</summary>
public interface IAuditLog
{
    /// <summary>Appends an event; completes once it is durably stored and chained.</summary>
    Task AppendAsync(AuditEvent auditEvent);

    /// <summary>
    /// Appends several events as one write, in order: all are stored or none, and the caller waits for one commit
    /// instead of one per event.
    /// </summary>
    Task AppendAllAsync(IReadOnlyList<AuditEvent> auditEvents);

    /// <summary>Reads records in sequence order, starting after <paramref name="afterSequence"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadAsync(long afterSequence, int maxCount);

    /// <summary>Recomputes every link, starting from the signed checkpoint if records were purged.</summary>
    Task<AuditVerification> VerifyAsync();

    /// <summary>Deletes records older than <paramref name="cutoff"/>, leaving a signed checkpoint; returns how many.</summary>
    Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff);
}
