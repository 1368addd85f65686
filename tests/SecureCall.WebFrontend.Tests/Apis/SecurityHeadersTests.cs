using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SecureCall.Security.Tokens;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>
/// Every response carries the browser-hardening headers, refusals too: a problem written by the exception handler
/// (which clears the response first) as much as a success or a status-code page.
/// </summary>
public sealed class SecurityHeadersTests(HostFixture host) : IClassFixture<HostFixture>
{
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Theory]
    [InlineData("GET", "/health", null, null, HttpStatusCode.OK)]
    [InlineData("POST", "/api/users/challenge", "{\"userId\": 42}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/users/challenge", "{\"userId\":", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/users/challenge", "userId=alice", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("POST", "/api/presence", "{\"userIds\": []}", "application/json", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/admin/audit/verify", null, null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/no-such-thing", null, null, HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/health", null, null, HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/api/users", "big", "application/json", HttpStatusCode.RequestEntityTooLarge)]
    public async Task Response_CarriesTheSecurityHeaders_RefusalsIncluded(string method, string path, string? body, string? contentType, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            var text = body == "big" ? $"{{\"userId\":\"{new string('a', 70 * 1024)}\"}}" : body;
            request.Content = new StringContent(text, Encoding.UTF8, contentType!);
        }

        var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        AssertHardened(response);
    }

    [Fact]
    public async Task PresenceRefusal_CarriesTheSecurityHeaders()
    {
        var token = host.Factory.Services.GetRequiredService<TokenIssuer>().Issue("hdr-alice", ["sig"], new Dictionary<string, object>()).Token;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/presence") { Content = new StringContent("{\"userIds\": [\"!!\"]}", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        AssertHardened(response);
    }

    [Fact]
    public async Task RefusedHost_CarriesTheSecurityHeaders()
    {
        var evil = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example") });

        var response = await evil.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertHardened(response);
    }

    private static void AssertHardened(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.NotNull(Header(response, "Permissions-Policy"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;
}
