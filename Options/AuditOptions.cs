namespace SecureCall.Options;

/// <summary>Retention and head anchoring of the security audit log.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "SecureCall:Audit";
    public const int DefaultRetentionDays = 90;

    /// <summary>Records older than this are purged (90 days).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(DefaultRetentionDays);

    /// <summary>How often the purge runs; it also runs once at every start, so a restart never skips it.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often the chain's head is signed and stored as a head checkpoint (1 minute), if records were appended since
    /// the last one; also once at start and at graceful shutdown. Records appended since the last checkpoint are the
    /// window in which cutting the log's tail goes unnoticed: a shorter interval narrows it for one RSA signature and
    /// one small write per interval.
    /// </summary>
    public TimeSpan HeadCheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);
}
