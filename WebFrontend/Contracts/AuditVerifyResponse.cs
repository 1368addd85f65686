namespace SecureCall.WebFrontend.Contracts;

/// <summary>
/// The audit chain's check (<c>GET /api/admin/audit/verify</c>): <paramref name="Intact"/> and counts, or the first
/// defect (<paramref name="Finding"/>: RecordAltered, BrokenLink, RecordMissing, TailMissing, HeadMismatch,
/// CheckpointInvalid) at <paramref name="FirstBadSequence"/>. Records after <paramref name="HeadCheckpointSequence"/>
/// are not yet anchored by a signed head checkpoint.
/// </summary>
public sealed record AuditVerifyResponse(
    bool Intact,
    string Finding,
    long RecordsChecked,
    long? FirstBadSequence,
    string Reason,
    long? LastSequence,
    long? HeadCheckpointSequence,
    DateTimeOffset? HeadCheckpointAt,
    DateTimeOffset CheckedAt);
