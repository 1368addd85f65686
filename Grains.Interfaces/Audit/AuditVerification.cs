namespace SecureCall.Grains.Interfaces.Audit;

/// <summary>
/// The outcome of checking the whole audit chain against its signed checkpoints.
/// </summary>
/// <param name="IsIntact">Whether every link holds and nothing the head checkpoint vouches for is missing.</param>
/// <param name="Finding">What was found: <see cref="AuditFinding.Intact"/> or the first defect.</param>
/// <param name="RecordsChecked">Records whose links were checked before the first defect (all of them when intact).</param>
/// <param name="FirstBadSequence">The sequence number of the first broken, altered or missing record; null when intact.</param>
/// <param name="Reason">One sentence for an operator naming the defect, or "Intact."</param>
/// <param name="LastSequence">The newest record's sequence number in the log; null when the log is empty.</param>
/// <param name="HeadCheckpointSequence">The sequence number the newest signed head checkpoint vouches for; null if none was written yet.</param>
/// <param name="HeadCheckpointAt">When that head checkpoint was signed; records appended after it are not yet anchored.</param>
[GenerateSerializer, Immutable, Alias("securecall.audit-verification")]
public sealed record AuditVerification(
    [property: Id(0)] bool IsIntact,
    [property: Id(1)] AuditFinding Finding,
    [property: Id(2)] long RecordsChecked,
    [property: Id(3)] long? FirstBadSequence,
    [property: Id(4)] string Reason,
    [property: Id(5)] long? LastSequence = null,
    [property: Id(6)] long? HeadCheckpointSequence = null,
    [property: Id(7)] DateTimeOffset? HeadCheckpointAt = null);
