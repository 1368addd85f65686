using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>
/// Issue 26, item 3: who may ring a user is a security setting, so only a signature login changes it; a password
/// login (amr pwd) could otherwise erase a minimum caller score set with the key.
/// </summary>
public sealed class CallPolicyTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Password = "a long enough password";
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Fact]
    public async Task SetPolicy_WithPasswordToken_Is403AndThePolicyStays()
    {
        using var who = new BrowserIdentity("policy-pwd");
        Assert.Equal(HttpStatusCode.Created, (await who.RegisterAsync(_http, Password)).StatusCode);
        var signed = await who.LoginAsync(_http);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(signed, 0.95)).StatusCode);
        var password = await PasswordLoginAsync(who.UserId);

        var problem = await Problem.ReadAsync(await PutAsync(password, null), HttpStatusCode.Forbidden);

        Assert.Equal("InsufficientAssurance", problem.Code);
        Assert.Contains("amr sig", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(0.95, await GetAsync(signed));
    }

    [Fact]
    public async Task SetPolicy_WithSignatureToken_Is200AndStored()
    {
        using var who = new BrowserIdentity("policy-sig");
        Assert.Equal(HttpStatusCode.Created, (await who.RegisterAsync(_http)).StatusCode);
        var signed = await who.LoginAsync(_http);

        var response = await PutAsync(signed, 0.8);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0.8, await GetAsync(signed));
    }

    private async Task<string> PasswordLoginAsync(string userId)
    {
        var response = await _http.PostAsJsonAsync("/api/auth/login", new { username = userId, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private async Task<HttpResponseMessage> PutAsync(string token, double? minimum)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/calls/policy") { Content = JsonContent.Create(new { minimumCallerScore = minimum }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }

    private async Task<double?> GetAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/calls/policy");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var value = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("minimumCallerScore");
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
    }
}
