namespace SecureCall.Grains.Interfaces.Audit;

/// <summary>
/// Stateless worker through which code outside the silo (the web frontend: rate limits, invalid tokens, frame
/// floods) appends to the tamper-evident audit log, which only silos hold.
/// </summary>
public interface IAuditGrain : IGrainWithIntegerKey
{
    /// <summary>Appends one event; completes once it is durably stored and chained.</summary>
    Task AppendAsync(AuditEvent auditEvent);
}
