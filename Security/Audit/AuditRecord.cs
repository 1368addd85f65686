namespace SecureCall.Security.Audit;

/// <summary>A stored audit record; <see cref="Hash"/> = SHA-256 over its fields and <see cref="PreviousHash"/>.</summary>
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset Timestamp,
    string Type,
    string Subject,
    string Source,
    string Detail,
    byte[] PreviousHash,
    byte[] Hash);
