using System.Buffers.Text;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

public sealed class TokenApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Fact]
    public async Task Jwks_PublishesTheKeyThatSignsTokens()
    {
        using var alice = new BrowserIdentity("jwks-user");
        await alice.RegisterAsync(_http);
        var token = await alice.LoginAsync(_http);
        var kid = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[0])).RootElement.GetProperty("kid").GetString();

        var jwks = await _http.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray(), k => k.GetProperty("kid").GetString() == kid);
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.False(key.TryGetProperty("d", out _), "private exponent must never be published");
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    public async Task Validate_Malformed_IsInvalidNot500(string token)
    {
        var body = await (await _http.PostAsJsonAsync("/token/validate", new { token })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(body.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Validate_AlgNoneVersionOfRealToken_IsInvalid()
    {
        using var bob = new BrowserIdentity("none-user");
        await bob.RegisterAsync(_http);
        var parts = (await bob.LoginAsync(_http)).Split('.');
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);

        var body = await (await _http.PostAsJsonAsync("/token/validate", new { token = $"{header}.{parts[1]}." })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(body.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Validate_ExpiredToken_IsInvalidWithReason()
    {
        using var carol = new BrowserIdentity("expired-user");
        await carol.RegisterAsync(_http);
        var token = await carol.LoginAsync(_http);
        host.Factory.Time.Advance(TimeSpan.FromMinutes(16));

        var body = await (await _http.PostAsJsonAsync("/token/validate", new { token })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(body.GetProperty("valid").GetBoolean());
        Assert.Equal("expired", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Validate_TamperedSubject_IsInvalid()
    {
        using var dave = new BrowserIdentity("tamper-user");
        await dave.RegisterAsync(_http);
        var parts = (await dave.LoginAsync(_http)).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("tamper-user", "admin-user0");
        var token = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        var body = await (await _http.PostAsJsonAsync("/token/validate", new { token })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(body.GetProperty("valid").GetBoolean());
    }
}
