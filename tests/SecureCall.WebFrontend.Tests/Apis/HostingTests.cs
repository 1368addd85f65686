using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

public sealed class HostingTests(HostFixture host) : IClassFixture<HostFixture>
{
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Theory]
    [InlineData("/health")]
    [InlineData("/api/health")]
    public async Task Health_ReportsHealthy(string path)
    {
        var body = await _http.GetFromJsonAsync<JsonElement>(path);

        Assert.Equal("healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Root_ServesTheClientPage()
    {
        var response = await _http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("SecureCall", await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The browser client generates its API types from Client.Web/openapi/v1.json; the served document must equal it,
    /// so any change to the HTTP contract (an endpoint added, removed or reshaped) fails here until the snapshot is
    /// refreshed (run the tests with SECURECALL_UPDATE_OPENAPI=1, then rebuild the client).
    /// </summary>
    [Fact]
    public async Task OpenApi_EqualsTheBrowserClientsContract()
    {
        var served = JsonNode.Parse(await _http.GetStringAsync("/openapi/v1.json"))!;
        var snapshotPath = Path.Combine(SecureCallFactory.RepositoryRoot, "Client.Web", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable("SECURECALL_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(snapshotPath, served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
        var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(snapshotPath))!;

        Assert.True(JsonNode.DeepEquals(served, snapshot),
            "The served OpenAPI document differs from Client.Web/openapi/v1.json: run the tests with SECURECALL_UPDATE_OPENAPI=1 and rebuild the client.");
    }

    [Fact]
    public async Task OpenApi_DescribesBearerSecurityAndProblemResponses()
    {
        var document = await _http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var profile = document.GetProperty("paths").GetProperty("/api/auth/profile").GetProperty("get");
        Assert.True(profile.TryGetProperty("security", out _));
        foreach (var status in new[] { "400", "401", "403", "413", "429" })
        {
            var content = profile.GetProperty("responses").GetProperty(status).GetProperty("content");
            Assert.True(content.TryGetProperty("application/problem+json", out _), $"{status} is not a problem response");
        }
        var register = document.GetProperty("paths").GetProperty("/api/users").GetProperty("post").GetProperty("responses");
        Assert.True(register.TryGetProperty("409", out _));
        Assert.False(document.GetProperty("paths").GetProperty("/api/users/challenge").GetProperty("post").TryGetProperty("security", out _));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/signin")]
    [InlineData("/calls")]
    [InlineData("/verify")]
    public async Task ClientRoutes_ServeTheUncachedIndexWithBrowserHardening(string path)
    {
        var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=(self)", response.Headers.GetValues("Permissions-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task HashedAssets_AreCachedForAYear()
    {
        var index = await _http.GetStringAsync("/");
        var asset = System.Text.RegularExpressions.Regex.Match(index, "/assets/[^\"]+\\.js").Value;
        Assert.NotEmpty(asset);

        var response = await _http.GetAsync(asset);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString().Replace(", ", ", "));
    }

    [Theory]
    [InlineData("/health/live", "live")]
    [InlineData("/health/startup", "started")]
    [InlineData("/health/ready", "ready")]
    public async Task Probes_AnswerWithTheirStatus(string path, string status)
    {
        var response = await _http.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(status, body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadyProbe_NamesTheSiloAndStorageChecks()
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("/health/ready", TestContext.Current.CancellationToken);

        var checks = body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("healthy").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["silo"] = true, ["storage"] = true }, checks);
    }

    [Fact]
    public async Task Metrics_ScrapeEndpoint_CountsLoginsAndExportsOrleansMeters()
    {
        using var identity = new BrowserIdentity("metrics-user");
        await identity.RegisterAsync(_http);
        await identity.LoginAsync(_http);

        var scrape = await host.Factory.ScrapeMetricsAsync();

        Assert.Contains("securecall_logins", scrape);
        Assert.Contains("amr=\"sig\"", scrape);
        Assert.Contains("orleans_", scrape);
    }

    [Fact]
    public async Task UnknownRoute_Is404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/nothing-here")).StatusCode);
    }
}
