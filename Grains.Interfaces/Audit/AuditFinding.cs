namespace SecureCall.Grains.Interfaces.Audit;

/// <summary>What a verification of the audit chain found: the chain is intact, or the first defect it met.</summary>
public enum AuditFinding
{
    /// <summary>Every link holds and the log reaches the newest signed head checkpoint.</summary>
    Intact = 0,

    /// <summary>A record's fields no longer hash to its stored hash (edited in place).</summary>
    RecordAltered = 1,

    /// <summary>A record does not link to its predecessor (the predecessor was replaced or re-hashed).</summary>
    BrokenLink = 2,

    /// <summary>A sequence number is missing in the middle of the chain (a record was deleted).</summary>
    RecordMissing = 3,

    /// <summary>The log ends before the sequence a signed head checkpoint vouches for: its newest records were cut.</summary>
    TailMissing = 4,

    /// <summary>The record a signed head checkpoint names has another hash: the chain up to it was rewritten.</summary>
    HeadMismatch = 5,

    /// <summary>A purge or head checkpoint is signed with no known key or its signature does not verify.</summary>
    CheckpointInvalid = 6,
}
