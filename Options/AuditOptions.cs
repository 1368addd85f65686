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
    /// The longest a stored record waits for a head checkpoint that covers it (1 minute): while records keep arriving,
    /// the head is signed at least this often; also once at start and at every stop. The records appended since the
    /// last checkpoint are the window in which cutting the log's tail goes unnoticed.
    /// </summary>
    public TimeSpan HeadCheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the head must stay still before it is signed (5 seconds): a burst of records (a host's start, a login)
    /// is anchored one signature after it ends, not a whole <see cref="HeadCheckpointInterval"/> later. At most
    /// <see cref="HeadCheckpointInterval"/>.
    /// </summary>
    public TimeSpan HeadCheckpointDelay { get; set; } = TimeSpan.FromSeconds(5);
}
