namespace SecureCall.Options;

/// <summary>
/// Key-encryption keys for face templates. They live in files outside the database, so a copy of the database alone
/// reveals no template; each key has an id so keys can rotate.
/// </summary>
public sealed class TemplateKeyOptions
{
    public const string SectionName = "SecureCall:TemplateKeys";

    /// <summary>Directory of <c>{keyId}.kek</c> files (32 random bytes, base64). Empty means <c>{DataDirectory}/kek</c>.</summary>
    public string? KeyDirectory { get; set; }

    /// <summary>The key id that wraps new templates; empty means the most recently written key file.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>Whether a key may be generated when the directory holds none (standalone default).</summary>
    public bool GenerateKeyIfMissing { get; set; } = true;
}
