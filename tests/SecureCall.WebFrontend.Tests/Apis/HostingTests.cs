using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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

    [Fact]
    public async Task OpenApi_DescribesEveryEndpoint()
    {
        var document = await _http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        foreach (var (path, method) in new[]
        {
            ("/api/users/challenge", "post"), ("/api/users", "post"), ("/api/users/{userId}/keys", "get"),
            ("/api/auth/challenge", "post"), ("/api/auth/respond", "post"), ("/api/auth/register", "post"),
            ("/api/auth/login", "post"), ("/api/auth/profile", "get"), ("/.well-known/jwks.json", "get"),
            ("/token/validate", "post"), ("/health", "get"), ("/api/health", "get"), ("/api/calls/ice-servers", "get"), ("/api/calls/policy", "put"),
        })
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} missing from OpenAPI");
            Assert.True(item.TryGetProperty(method, out _), $"{method} {path} missing from OpenAPI");
        }
    }

    [Fact]
    public async Task UnknownRoute_Is404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/nothing-here")).StatusCode);
    }
}
