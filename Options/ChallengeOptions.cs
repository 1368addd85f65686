namespace SecureCall.Options;

/// <summary>Signature challenges and their nonces.</summary>
public sealed class ChallengeOptions
{
    public const string SectionName = "SecureCall:Challenges";
    public const int DefaultNonceBytes = 32;
    public const int DefaultChallengesPerMinutePerUser = 60;

    /// <summary>How long an issued nonce may be used (5 minutes).</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a consumed or expired challenge is remembered after it expired, so its replay is reported as such.</summary>
    public TimeSpan RetainConsumedFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often expired challenges are deleted.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Challenges one user may request per minute, across purposes.</summary>
    public int ChallengesPerMinutePerUser { get; set; } = DefaultChallengesPerMinutePerUser;
}
