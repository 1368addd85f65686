using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecureCall.Options;
using SecureCall.Security.Tokens;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>
/// Issue 26, item 4: presence is asked only by keyed users (amr sig), within a per-user budget of look-ups on the
/// default settings (429 with Retry-After beyond it).
/// </summary>
public sealed class PresenceApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Password = "a long enough password";
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Fact]
    public async Task Presence_WithPasswordToken_Is403()
    {
        using var who = new BrowserIdentity("presence-pwd");
        Assert.Equal(HttpStatusCode.Created, (await who.RegisterAsync(_http, Password)).StatusCode);
        var login = await _http.PostAsJsonAsync("/api/auth/login", new { username = who.UserId, password = Password }, TestContext.Current.CancellationToken);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString()!;

        var problem = await Problem.ReadAsync(await AskAsync(token, ["someone"]), HttpStatusCode.Forbidden);

        Assert.Equal("InsufficientAssurance", problem.Code);
        Assert.Contains("amr sig", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presence_OverThePerUserBudget_Is429WithRetryAfterAndRecovers()
    {
        var token = Mint("presence-budget");
        var full = SignalingOptions.DefaultPresenceLookupBurstPerUser / 100;
        for (var i = 0; i < full; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await AskAsync(token, Ids($"b{i}-", 100))).StatusCode);
        }

        var refused = await AskAsync(token, Ids("over-", 100));

        var problem = await Problem.ReadAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("RateLimited", problem.Code);
        var retryAfter = refused.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("429 without Retry-After (in seconds)");
        // 100 look-ups at the default refill of 1200 a minute take 5 s to come back.
        Assert.Equal(TimeSpan.FromSeconds(100 * 60 / SignalingOptions.DefaultPresenceLookupsPerMinutePerUser), retryAfter);
        Assert.Equal("nosniff", Assert.Single(refused.Headers.GetValues("X-Content-Type-Options")));
        // The budget is the asker's: another keyed user still gets answers.
        Assert.Equal(HttpStatusCode.OK, (await AskAsync(Mint("presence-other"), Ids("o-", 100))).StatusCode);

        host.Factory.Time.Advance(retryAfter);

        Assert.Equal(HttpStatusCode.OK, (await AskAsync(token, Ids("later-", 100))).StatusCode);
    }

    private string Mint(string userId) =>
        host.Factory.Services.GetRequiredService<TokenIssuer>().Issue(userId, ["sig"], new Dictionary<string, object>()).Token;

    private static string[] Ids(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix}{i}")];

    private async Task<HttpResponseMessage> AskAsync(string token, string[] userIds)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/presence") { Content = JsonContent.Create(new { userIds }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
