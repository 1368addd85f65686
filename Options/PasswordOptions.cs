namespace SecureCall.Options;

/// <summary>Argon2id parameters for password accounts and the login lockout policy.</summary>
public sealed class PasswordOptions
{
    public const string SectionName = "SecureCall:Passwords";
    public const int DefaultMemoryKiB = 19456;
    public const int DefaultIterations = 2;
    public const int DefaultParallelism = 1;
    public const int DefaultMinLength = 8;
    public const int DefaultMaxLength = 256;
    public const int DefaultLockoutThreshold = 5;

    /// <summary>Argon2id memory cost in KiB (OWASP's 19 MiB by default).</summary>
    public int MemoryKiB { get; set; } = DefaultMemoryKiB;

    /// <summary>Argon2id time cost (passes over memory).</summary>
    public int Iterations { get; set; } = DefaultIterations;

    /// <summary>Argon2id lanes.</summary>
    public int Parallelism { get; set; } = DefaultParallelism;

    /// <summary>Shortest accepted password, in characters.</summary>
    public int MinLength { get; set; } = DefaultMinLength;

    /// <summary>Longest accepted password, in characters; bounds hashing work per request.</summary>
    public int MaxLength { get; set; } = DefaultMaxLength;

    /// <summary>Failed logins within <see cref="LockoutWindow"/> that lock the account.</summary>
    public int LockoutThreshold { get; set; } = DefaultLockoutThreshold;

    /// <summary>Window in which failures are counted.</summary>
    public TimeSpan LockoutWindow { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long a locked account refuses logins.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
