namespace SecureCall.Options;

/// <summary>Retention of the security audit log.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "SecureCall:Audit";
    public const int DefaultRetentionDays = 90;

    /// <summary>Records older than this are purged (90 days).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(DefaultRetentionDays);

    /// <summary>How often the purge runs; it also runs once at every start, so a restart never skips it.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
