using System.Net;
using System.Net.Http.Json;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>Per-IP limits, on a host configured with small ones.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly TempDataDirectory _directory = new();
    private SecureCallFactory _factory = null!;

    public ValueTask InitializeAsync()
    {
        _factory = new SecureCallFactory(_directory.Path, settings: new Dictionary<string, string>
        {
            ["SecureCall:Api:PasswordRequestsPerMinutePerIp"] = "3",
            ["SecureCall:Api:SignatureRequestsPerMinutePerIp"] = "4",
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Login_OverPerIpLimit_Is429ProblemWithRetryAfter()
    {
        var http = _factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await http.PostAsJsonAsync("/api/auth/login", new { username = $"user{i}", password = "whatever password" });
        }

        var response = await http.PostAsJsonAsync("/api/auth/login", new { username = "user9", password = "whatever password" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.TooManyRequests);
        Assert.Equal("RateLimited", problem.Code);
        Assert.True(response.Headers.RetryAfter is not null);
        // A refusal carries the browser hardening too (SecurityHeadersTests covers the other kinds).
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task KeyRegistration_CarryingAPassword_CountsAgainstThePasswordLimit()
    {
        // POST /api/users checks the password of an existing password account: it must not offer 600 guesses a minute.
        var http = _factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await http.PostAsJsonAsync("/api/users", new { userId = "victim", password = $"guess {i}" });
        }

        var response = await http.PostAsJsonAsync("/api/users", new { userId = "victim", password = "guess 9" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.TooManyRequests);
        Assert.Equal("RateLimited", problem.Code);
    }

    [Fact]
    public async Task Challenge_OverPerIpLimit_Is429()
    {
        var http = _factory.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            (await http.PostAsJsonAsync("/api/auth/challenge", new { userId = $"someone{i}" })).EnsureSuccessStatusCode();
        }

        await Problem.ReadAsync(await http.PostAsJsonAsync("/api/auth/challenge", new { userId = "someone9" }), HttpStatusCode.TooManyRequests);
    }
}
