namespace SecureCall.WebFrontend.Hosting;

/// <summary>Limits on the HTTP surface.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "SecureCall:Api";
    public const long DefaultMaxRequestBodyBytes = 64 * 1024;

    /// <summary>Largest accepted request body; bigger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>Challenge, respond and key-registration requests per client IP per minute.</summary>
    public int SignatureRequestsPerMinutePerIp { get; set; } = 600;

    /// <summary>Password login and account creation attempts per client IP per minute.</summary>
    public int PasswordRequestsPerMinutePerIp { get; set; } = 30;

    /// <summary>Token validation requests per client IP per minute.</summary>
    public int TokenRequestsPerMinutePerIp { get; set; } = 1200;
}
