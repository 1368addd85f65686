using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SecureCall.Tests.Shared;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Hosting;

/// <summary>
/// Issue 26, item 5, against the real host over real sockets: metrics and the Orleans Dashboard answer on the
/// management port only (404 on the public one, whatever the client's address or X-Forwarded-For says), and the
/// dashboard needs the operators' secret.
/// </summary>
public sealed class ManagementPortTests(ManagementPortTests.Host host) : IClassFixture<ManagementPortTests.Host>
{
    private const string Secret = "a-dashboard-secret-of-at-least-32-characters";

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/admin/orleans/")]
    [InlineData("/admin/orleans/DashboardCounters")]
    [InlineData("/admin/orleans/Trace")]
    public async Task OperatorPaths_OnThePublicPort_Are404_AlsoWithForwardedFor(string path)
    {
        using var http = new HttpClient();
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, new Uri(host.PublicUrl, path));
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.7");
        forwarded.Headers.Authorization = Basic(Secret);

        var plain = await http.GetAsync(new Uri(host.PublicUrl, path), TestContext.Current.CancellationToken);
        var spoofed = await http.SendAsync(forwarded, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, spoofed.StatusCode);
    }

    [Fact]
    public async Task Metrics_OnTheManagementPort_Is200()
    {
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri(host.ManagementUrl, "/metrics"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Dashboard_OnTheManagementPort_NeedsTheSecret()
    {
        using var http = new HttpClient();
        var url = new Uri(host.ManagementUrl, "/admin/orleans/");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = Basic("not-the-secret-not-the-secret-123") } };
        using var right = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = Basic(Secret) } };

        var anonymous = await http.GetAsync(url, TestContext.Current.CancellationToken);
        var refused = await http.SendAsync(wrong, TestContext.Current.CancellationToken);
        var admitted = await http.SendAsync(right, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", Assert.Single(anonymous.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Contains("Orleans Dashboard", await admitted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ManagementPort_ServesNothingElse()
    {
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri(host.ManagementUrl, "/health"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WithoutSecret_RefusesToStart()
    {
        using var directory = new TempDataDirectory();
        var settings = Host.SettingsFor(directory.Path, FreePorts.Next());
        settings["SecureCall:Dashboard:Secret"] = "";

        var (code, output) = await DotnetProcess.RunAsync("WebFrontend", "SecureCall.WebFrontend",
            ["--urls", $"http://127.0.0.1:{FreePorts.Next()}"], settings, TimeSpan.FromSeconds(90), refusalExpected: true);

        Assert.NotEqual(0, code);
        Assert.Contains("SecureCall:Dashboard:Secret", output);
    }

    private static AuthenticationHeaderValue Basic(string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"operator:{password}")));

    /// <summary>The built standalone host as its own process, with the dashboard on and a management port.</summary>
    public sealed class Host : IAsyncLifetime
    {
        private readonly TempDataDirectory _directory = new();
        private DotnetProcess _process = null!;

        public Uri PublicUrl { get; } = new($"http://127.0.0.1:{FreePorts.Next()}");

        public Uri ManagementUrl { get; } = new($"http://127.0.0.1:{FreePorts.Next()}");

        public static Dictionary<string, string?> SettingsFor(string dataDirectory, int managementPort) => new()
        {
            ["SecureCall:Storage:DataDirectory"] = dataDirectory,
            ["SecureCall:Hosting:SiloPort"] = FreePorts.Next().ToString(),
            ["SecureCall:Hosting:GatewayPort"] = FreePorts.Next().ToString(),
            ["SecureCall:Inference:WarmUpAtStart"] = "false",
            ["SecureCall:Management:Port"] = managementPort.ToString(),
            ["SecureCall:Dashboard:Enabled"] = "true",
            ["SecureCall:Dashboard:Secret"] = Secret,
            ["Logging:LogLevel:Default"] = "Warning",
        };

        public async ValueTask InitializeAsync()
        {
            _process = DotnetProcess.Start("management", "WebFrontend", "SecureCall.WebFrontend",
                ["--urls", PublicUrl.ToString().TrimEnd('/')], SettingsFor(_directory.Path, ManagementUrl.Port));
            await _process.WaitUntilAnswersAsync(new Uri(PublicUrl, "/health"), TimeSpan.FromSeconds(120));
        }

        public async ValueTask DisposeAsync()
        {
            await _process.DisposeAsync();
            _directory.Dispose();
        }
    }
}
