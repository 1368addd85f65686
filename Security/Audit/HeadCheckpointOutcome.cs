namespace SecureCall.Security.Audit;

/// <summary>
/// What an attempt to write a head checkpoint did. <see cref="Refusal"/> is set when the chain contradicts a signed
/// checkpoint already stored (its record is gone or has another hash): then no new checkpoint is written, so the
/// evidence of the cut or rewrite stays for <c>verify-audit</c> to report.
/// </summary>
/// <param name="Checkpoint">The newest head checkpoint now stored (just written or unchanged); null if none.</param>
/// <param name="Written">Whether a new checkpoint was signed and stored by this call.</param>
/// <param name="Refusal">Why no checkpoint was written although the chain has records past the stored one.</param>
public sealed record HeadCheckpointOutcome(AuditCheckpoint? Checkpoint, bool Written, string? Refusal);
