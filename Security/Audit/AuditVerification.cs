namespace SecureCall.Security.Audit;

/// <summary>The outcome of checking the whole chain; <see cref="FirstBadSequence"/> names where it breaks.</summary>
public sealed record AuditVerification(bool IsIntact, long RecordsChecked, long? FirstBadSequence, string Reason);
