namespace SecureCall.WebFrontend.Tests.Infrastructure;

/// <summary>One standalone host shared by the tests of a class, on its own data directory.</summary>
public class HostFixture : IAsyncLifetime
{
    private readonly TempDataDirectory _directory = new();

    public SecureCallFactory Factory { get; private set; } = null!;

    /// <summary>Settings a derived fixture adds or overrides.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    public ValueTask InitializeAsync()
    {
        // Generous per-IP limits: every test client shares one address; RateLimitTests covers the limits themselves.
        var settings = new Dictionary<string, string>
        {
            ["SecureCall:Api:PasswordRequestsPerMinutePerIp"] = "10000",
            ["SecureCall:Api:SignatureRequestsPerMinutePerIp"] = "10000",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
        Factory = new SecureCallFactory(_directory.Path, settings: settings);
        _ = Factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        _directory.Dispose();
    }
}
