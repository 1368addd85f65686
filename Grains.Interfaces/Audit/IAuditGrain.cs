namespace SecureCall.Grains.Interfaces.Audit;

/// <summary>
/// Stateless worker through which code outside the silo (the web frontend: rate limits, invalid tokens, frame
/// floods, the administrators' verify endpoint) appends to and checks the tamper-evident audit log, which only silos
/// hold.
/// </summary>
public interface IAuditGrain : IGrainWithIntegerKey
{
    /// <summary>Appends one event; completes once it is durably stored and chained.</summary>
    Task AppendAsync(AuditEvent auditEvent);

    /// <summary>
    /// Checks the whole chain against its signed purge and head checkpoints and reports the first defect; the check
    /// itself is audited (<see cref="AuditEventType.AuditVerified"/>) under <paramref name="requestedBy"/>.
    /// </summary>
    [ResponseTimeout("00:05:00")]
    Task<AuditVerification> VerifyAsync(string requestedBy);
}
