namespace SecureCall.WebFrontend.Tests.Infrastructure;

/// <summary>A host whose operator named two administrators.</summary>
public sealed class AdminHostFixture : HostFixture
{
    public const string Administrator = "root-admin";
    public const string PasswordAdministrator = "pw-admin";

    protected override IEnumerable<KeyValuePair<string, string>> Settings => AdminSettings;

    public static Dictionary<string, string> AdminSettings => new()
    {
        ["SecureCall:Admin:UserIds:0"] = Administrator,
        ["SecureCall:Admin:UserIds:1"] = PasswordAdministrator,
    };
}
