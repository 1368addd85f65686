namespace SecureCall.WebFrontend.Hosting;

/// <summary>Who may use the administrators' endpoints (<c>/api/admin/…</c>).</summary>
public sealed class AdminOptions
{
    public const string SectionName = "SecureCall:Admin";

    /// <summary>
    /// User ids of the administrators (none by default: then every admin endpoint answers 403). An administrator's
    /// request needs a token from a signature login (amr <c>sig</c>) whose subject is in this list; a password login
    /// of the same account is not enough.
    /// </summary>
    public List<string> UserIds { get; set; } = [];
}
