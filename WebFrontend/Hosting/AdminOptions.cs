namespace SecureCall.WebFrontend.Hosting;

/// <summary>Who may use the administrators' endpoints (<c>/api/admin/…</c>).</summary>
public sealed class AdminOptions
{
    public const string SectionName = "SecureCall:Admin";

    /// <summary>
    /// The administrators, each bound to their signing key: entries <c>userId=fingerprint</c> (see
    /// <see cref="AdministratorKey"/>); none by default, then every admin endpoint answers 403. An administrator's
    /// request needs a token from a signature login (amr <c>sig</c>) of that user while the key with that fingerprint
    /// is the user's current signing key: whoever registers a vacant id gets it with their own key, never the role.
    /// </summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>
    /// Administrators named by id alone, as earlier versions took them. No longer honoured (the first to register an
    /// id nobody held yet became an administrator): a host configured with any is refused at start, with a message
    /// that names <see cref="Keys"/>.
    /// </summary>
    public List<string> UserIds { get; set; } = [];

    /// <summary>The fingerprint <paramref name="userId"/> is bound to; null when that user is no administrator.</summary>
    public string? FingerprintOf(string userId) =>
        Keys.Select(entry => AdministratorKey.TryParse(entry, out var key) ? key : null)
            .FirstOrDefault(key => key?.UserId == userId)?.Fingerprint;
}
