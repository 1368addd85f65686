using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Security.Audit;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

public sealed class AuthApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Fact]
    public async Task Respond_ValidSignature_ReturnsRs256TokenWithSigAmr()
    {
        using var alice = new BrowserIdentity("alice");
        await alice.RegisterAsync(_http);

        var token = await alice.LoginAsync(_http);

        var validation = await _http.PostAsJsonAsync("/token/validate", new { token });
        var body = await validation.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("valid").GetBoolean());
        var payload = body.GetProperty("payload");
        Assert.Equal("alice", payload.GetProperty("sub").GetString());
        Assert.Equal("sig", payload.GetProperty("amr")[0].GetString());
        Assert.Equal(900, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        foreach (var claim in new[] { "jti", "iss", "aud" })
        {
            Assert.True(payload.TryGetProperty(claim, out _), claim);
        }
        var header = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[0])).RootElement;
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.True(header.TryGetProperty("kid", out _));
    }

    [Fact]
    public async Task SignatureLogin_AuditsChallengeThenSignatureAndTokenAsConsecutiveRecords()
    {
        using var dora = new BrowserIdentity("dora");
        await dora.RegisterAsync(_http);

        var token = await dora.LoginAsync(_http);

        var audit = host.Factory.Services.GetRequiredService<IAuditLog>();
        var records = (await audit.ReadAsync(0, 10_000)).Where(r => r.Subject == "dora").ToList();
        var issued = records.Last(r => r.Type == nameof(AuditEventType.ChallengeIssued));
        var verified = records.Single(r => r.Type == nameof(AuditEventType.SignatureVerified) && r.Detail.StartsWith("authentication", StringComparison.Ordinal));
        var granted = records.Single(r => r.Type == nameof(AuditEventType.TokenIssued));
        Assert.True(issued.Sequence < verified.Sequence);
        Assert.Equal(verified.Sequence + 1, granted.Sequence);
        var jti = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement.GetProperty("jti").GetString();
        Assert.Contains($"jti {jti}", granted.Detail, StringComparison.Ordinal);
        Assert.True((await audit.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Respond_Replayed_Is401Problem()
    {
        using var bob = new BrowserIdentity("bob");
        await bob.RegisterAsync(_http);
        var challenge = await bob.RequestChallengeAsync(_http, "/api/auth/challenge");
        (await _http.PostAsJsonAsync("/api/auth/respond", bob.Response(challenge))).EnsureSuccessStatusCode();

        var problem = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/auth/respond", bob.Response(challenge)), HttpStatusCode.Unauthorized);

        Assert.Equal("ChallengeAlreadyUsed", problem.Code);
    }

    [Theory]
    [InlineData("not-a-challenge-id")]
    [InlineData("erin:AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Erin:AAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Respond_UnknownOrMalformedChallengeId_Is401UnknownAndAudited(string challengeId)
    {
        var problem = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/auth/respond",
            new { challengeId, signature = System.Buffers.Text.Base64Url.EncodeToString(new byte[64]) }), HttpStatusCode.Unauthorized);

        Assert.Equal("UnknownChallenge", problem.Code);
        var records = await host.Factory.Services.GetRequiredService<IAuditLog>().ReadAsync(0, 10_000);
        Assert.Contains(records, r => r.Type == nameof(AuditEventType.NonceMisuse) && r.Detail == $"unknown challenge: {challengeId}");
    }

    [Fact]
    public async Task Respond_WithRegistrationChallenge_Is401CrossPurpose()
    {
        using var carol = new BrowserIdentity("carol");
        var challenge = await carol.RequestChallengeAsync(_http, "/api/users/challenge");

        var problem = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/auth/respond", carol.Response(challenge)), HttpStatusCode.Unauthorized);

        Assert.Equal("ChallengePurposeMismatch", problem.Code);
    }

    [Fact]
    public async Task Respond_AfterFiveMinutes_Is401Expired()
    {
        using var dan = new BrowserIdentity("dan");
        await dan.RegisterAsync(_http);
        var challenge = await dan.RequestChallengeAsync(_http, "/api/auth/challenge");
        host.Factory.Time.Advance(TimeSpan.FromMinutes(6));

        var problem = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/auth/respond", dan.Response(challenge)), HttpStatusCode.Unauthorized);

        Assert.Equal("ChallengeExpired", problem.Code);
    }

    [Fact]
    public async Task Respond_SignedByAnotherKey_Is401()
    {
        using var victim = new BrowserIdentity("victim");
        using var impostor = new BrowserIdentity("victim");
        await victim.RegisterAsync(_http);
        var challenge = await victim.RequestChallengeAsync(_http, "/api/auth/challenge");

        var problem = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/auth/respond", impostor.Response(challenge)), HttpStatusCode.Unauthorized);

        Assert.Equal("BadSignature", problem.Code);
    }

    [Theory]
    [InlineData("{\"challengeId\":\"x\"}")]
    [InlineData("{\"challengeId\":\"x\",\"signature\":\"***\"}")]
    [InlineData("{\"signature\":\"AAAA\"}")]
    public async Task Respond_MissingOrMalformedFields_Is400(string body)
    {
        var response = await _http.PostAsync("/api/auth/respond", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PasswordAccount_RegisterLoginProfile_Works()
    {
        var created = await _http.PostAsJsonAsync("/api/auth/register", new { username = "pwuser", email = "pw@example.org", password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var login = await _http.PostAsJsonAsync("/api/auth/login", new { username = "pwuser", password = "correct horse battery" });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/profile");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var profile = await (await _http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("pwuser", profile.GetProperty("userId").GetString());
        Assert.Equal("pw@example.org", profile.GetProperty("email").GetString());
        Assert.True(profile.GetProperty("hasPassword").GetBoolean());
    }

    [Fact]
    public async Task Register_TakenUsername_Is409()
    {
        await _http.PostAsJsonAsync("/api/auth/register", new { username = "taken", password = "first password" });

        await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/auth/register", new { username = "taken", password = "second password" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Register_ShortPassword_Is400()
    {
        var problem = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/auth/register", new { username = "shorty", password = "short" }), HttpStatusCode.BadRequest);

        Assert.Contains("password", problem.Detail);
    }

    [Fact]
    public async Task Login_WrongPasswordAndUnknownUser_GiveIdenticalErrors()
    {
        await _http.PostAsJsonAsync("/api/auth/register", new { username = "known", password = "the real password" });

        var wrong = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/auth/login", new { username = "known", password = "not the password" }), HttpStatusCode.Unauthorized);
        var unknown = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/auth/login", new { username = "unknown-user", password = "not the password" }), HttpStatusCode.Unauthorized);
        var malformed = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/auth/login", new { username = "Not Valid", password = "not the password" }), HttpStatusCode.Unauthorized);

        Assert.Equal(wrong.Detail, unknown.Detail);
        Assert.Equal(wrong.Detail, malformed.Detail);
        Assert.Equal(wrong.Code, unknown.Code);
    }

    [Fact]
    public async Task Login_FiveFailures_LocksKnownAndUnknownAlike()
    {
        await _http.PostAsJsonAsync("/api/auth/register", new { username = "lockme", password = "the real password" });
        foreach (var name in new[] { "lockme", "ghost-user" })
        {
            for (var i = 0; i < 5; i++)
            {
                await _http.PostAsJsonAsync("/api/auth/login", new { username = name, password = "wrong password" });
            }
        }

        var known = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/auth/login", new { username = "lockme", password = "the real password" }), HttpStatusCode.TooManyRequests);
        var unknown = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/auth/login", new { username = "ghost-user", password = "anything at all" }), HttpStatusCode.TooManyRequests);

        Assert.Equal(known.Detail, unknown.Detail);
        host.Factory.Time.Advance(TimeSpan.FromMinutes(16));
        (await _http.PostAsJsonAsync("/api/auth/login", new { username = "lockme", password = "the real password" })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task PasswordAccount_AddsDeviceKeyOnlyWithItsPassword()
    {
        await _http.PostAsJsonAsync("/api/auth/register", new { username = "hybrid", password = "hybrid password" });
        using var device = new BrowserIdentity("hybrid");

        await Problem.ReadAsync(await device.RegisterAsync(_http), HttpStatusCode.Unauthorized);
        await Problem.ReadAsync(await device.RegisterAsync(_http, password: "wrong password"), HttpStatusCode.Unauthorized);
        var added = await device.RegisterAsync(_http, password: "hybrid password");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.False(string.IsNullOrEmpty(await device.LoginAsync(_http)));
    }

    [Fact]
    public async Task Profile_WithoutToken_Is401Problem()
    {
        await Problem.ReadAsync(await _http.GetAsync("/api/auth/profile"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Profile_WithExpiredToken_Is401Problem()
    {
        using var frank = new BrowserIdentity("frank");
        await frank.RegisterAsync(_http);
        var token = await frank.LoginAsync(_http);
        host.Factory.Time.Advance(TimeSpan.FromMinutes(20));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/profile");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await Problem.ReadAsync(await _http.SendAsync(request), HttpStatusCode.Unauthorized);
    }
}
