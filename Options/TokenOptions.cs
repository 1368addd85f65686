namespace SecureCall.Options;

/// <summary>RS256 access tokens: issuer, audience, lifetime and where the signing keys live.</summary>
public sealed class TokenOptions
{
    public const string SectionName = "SecureCall:Tokens";
    public const string DefaultIssuer = "securecall";
    public const string DefaultAudience = "securecall";
    public const int DefaultRsaKeyBits = 2048;

    /// <summary>The <c>iss</c> claim issued and required.</summary>
    public string Issuer { get; set; } = DefaultIssuer;

    /// <summary>The <c>aud</c> claim issued and required.</summary>
    public string Audience { get; set; } = DefaultAudience;

    /// <summary>Token lifetime (15 minutes).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Tolerated clock difference when checking <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Directory of RSA private keys as PKCS#8 PEM files named <c>{kid}.pem</c>. Every key in it validates tokens;
    /// the one named by <see cref="ActiveKeyId"/> (or the newest file) signs. Empty means <c>{DataDirectory}/keys</c>,
    /// where a key is generated on first start.
    /// </summary>
    public string? KeyDirectory { get; set; }

    /// <summary>
    /// An operator-supplied RSA private key (PKCS#8 or PKCS#1 PEM) that signs new tokens. Keys in
    /// <see cref="KeyDirectory"/> still validate, so moving to this key does not invalidate issued tokens.
    /// </summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>The kid that signs new tokens; empty means the most recently written key file.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>Whether a signing key may be generated when the directory holds none (standalone default).</summary>
    public bool GenerateKeyIfMissing { get; set; } = true;
}
