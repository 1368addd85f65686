namespace SecureCall.WebFrontend.Tests.Infrastructure;

/// <summary>
/// A host whose operator bound three administrators to their signing keys: two hold theirs, the third id is still
/// vacant (whoever holds that key has not registered).
/// </summary>
public sealed class AdminHostFixture : HostFixture
{
    public const string Administrator = "root-admin";
    public const string PasswordAdministrator = "pw-admin";
    public const string VacantAdministrator = "vacant-admin";

    /// <summary>The key <see cref="Administrator"/> signs in with.</summary>
    public static BrowserIdentity AdministratorIdentity { get; } = new(Administrator);

    /// <summary>The key <see cref="PasswordAdministrator"/> registered with, beside a password.</summary>
    public static BrowserIdentity PasswordAdministratorIdentity { get; } = new(PasswordAdministrator);

    /// <summary>A key nobody registers with: the operator's, for an id that is still vacant.</summary>
    private static readonly string VacantFingerprint = new BrowserIdentity(VacantAdministrator).Fingerprint;

    protected override IEnumerable<KeyValuePair<string, string>> Settings => AdminSettings;

    public static Dictionary<string, string> AdminSettings => new()
    {
        ["SecureCall:Admin:Keys:0"] = $"{Administrator}={AdministratorIdentity.Fingerprint}",
        ["SecureCall:Admin:Keys:1"] = $"{PasswordAdministrator}={PasswordAdministratorIdentity.Fingerprint}",
        ["SecureCall:Admin:Keys:2"] = $"{VacantAdministrator}={VacantFingerprint}",
    };
}
