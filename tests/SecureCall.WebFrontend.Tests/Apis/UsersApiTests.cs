using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

public sealed class UsersApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Fact]
    public async Task Register_Es256DeviceKey_Returns201WithFingerprint()
    {
        using var alice = new BrowserIdentity("alice");

        var response = await alice.RegisterAsync(_http);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("alice", body.GetProperty("userId").GetString());
        Assert.Equal(alice.Fingerprint, body.GetProperty("signingKeyFingerprint").GetString());
    }

    [Fact]
    public async Task Register_Ps256DeviceKey_IsAccepted()
    {
        using var rsa = RSA.Create(2048);
        using var agreement = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var spki = rsa.ExportSubjectPublicKeyInfo();
        var fingerprint = Base64Url.EncodeToString(SHA256.HashData(spki));
        var challenge = await new BrowserIdentity("rsa-user").RequestChallengeAsync(_http, "/api/users/challenge");
        var signature = rsa.SignData(
            Encoding.UTF8.GetBytes($"securecall/register/v1\nrsa-user\n{challenge.ChallengeId}\n{challenge.Nonce}\n{fingerprint}"),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

        var response = await _http.PostAsJsonAsync("/api/users", new
        {
            userId = "rsa-user",
            displayName = "RSA",
            signingKey = new { alg = "PS256", spki = Base64Url.EncodeToString(spki) },
            agreementKey = new { spki = Base64Url.EncodeToString(agreement.ExportSubjectPublicKeyInfo()) },
            challengeId = challenge.ChallengeId,
            signature = Base64Url.EncodeToString(signature),
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var keys = await _http.GetFromJsonAsync<JsonElement>("/api/users/rsa-user/keys");
        Assert.Equal("PS256", keys.GetProperty("signingKey").GetProperty("alg").GetString());
    }

    [Fact]
    public async Task GetKeys_RegisteredUser_ReturnsPublicKeysAndFingerprints()
    {
        using var bob = new BrowserIdentity("bob");
        await bob.RegisterAsync(_http);

        var keys = await _http.GetFromJsonAsync<JsonElement>("/api/users/bob/keys");

        Assert.Equal(bob.SigningSpki, keys.GetProperty("signingKey").GetProperty("spki").GetString());
        Assert.Equal(bob.Fingerprint, keys.GetProperty("signingKey").GetProperty("fingerprint").GetString());
        Assert.Equal(bob.AgreementSpki, keys.GetProperty("agreementKey").GetProperty("spki").GetString());
        Assert.Equal(2, keys.GetProperty("history").GetArrayLength());
        Assert.True(keys.TryGetProperty("registeredAt", out _));
    }

    [Fact]
    public async Task GetKeys_UnknownUser_Is404Problem()
    {
        await Problem.ReadAsync(await _http.GetAsync("/api/users/nobody-here/keys"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("AB")]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("x-------------------------------------------------------------------64")]
    [InlineData("name\n")]
    [InlineData("name\r\n")]
    [InlineData("\nname")]
    public async Task Challenge_InvalidUserId_Is400Problem(string userId)
    {
        var problem = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/users/challenge", new { userId }), HttpStatusCode.BadRequest);

        Assert.Contains("userId", problem.Detail);
    }

    [Theory]
    [InlineData("{\"userId\":")]
    [InlineData("not json")]
    [InlineData("{\"userId\": 42}")]
    [InlineData("[]")]
    public async Task Challenge_MalformedJson_Is400Problem(string body)
    {
        var response = await _http.PostAsync("/api/users/challenge", new StringContent(body, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        // The serializer's own text names .NET types ("could not be converted to System.String"); ours names the field.
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_BadSignature_Is401AndStoresNothing()
    {
        using var carol = new BrowserIdentity("carol");
        using var impostor = new BrowserIdentity("carol");
        var challenge = await carol.RequestChallengeAsync(_http, "/api/users/challenge");
        var registration = JsonSerializer.SerializeToNode(carol.Registration(challenge))!;
        registration["signature"] = impostor.Sign("securecall/register/v1\ncarol\nwhatever");

        var problem = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/users", registration), HttpStatusCode.Unauthorized);

        Assert.Equal("BadSignature", problem.Code);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/users/carol/keys")).StatusCode);
    }

    [Fact]
    public async Task Register_ReplayedChallenge_Is401()
    {
        using var dave = new BrowserIdentity("dave");
        var challenge = await dave.RequestChallengeAsync(_http, "/api/users/challenge");
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync("/api/users", dave.Registration(challenge))).StatusCode);

        var problem = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/users", dave.Registration(challenge)), HttpStatusCode.Unauthorized);

        Assert.Equal("ChallengeAlreadyUsed", problem.Code);
    }

    [Fact]
    public async Task Register_WithLoginChallenge_Is401CrossPurpose()
    {
        using var erin = new BrowserIdentity("erin");
        var challenge = await erin.RequestChallengeAsync(_http, "/api/auth/challenge");

        var problem = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/users", erin.Registration(challenge)), HttpStatusCode.Unauthorized);

        Assert.Equal("ChallengePurposeMismatch", problem.Code);
    }

    [Fact]
    public async Task Register_ChallengeOfAnotherUser_Is401CrossUser()
    {
        using var frank = new BrowserIdentity("frank");
        using var grace = new BrowserIdentity("grace");
        var challenge = await frank.RequestChallengeAsync(_http, "/api/users/challenge");

        var problem = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/users", grace.Registration(challenge)), HttpStatusCode.Unauthorized);

        Assert.Equal("ChallengeUserMismatch", problem.Code);
    }

    [Fact]
    public async Task Register_AgainForExistingUser_Is409AndKeepsOriginalKey()
    {
        using var heidi = new BrowserIdentity("heidi");
        using var thief = new BrowserIdentity("heidi");
        await heidi.RegisterAsync(_http);

        var response = await _http.PostAsJsonAsync("/api/users/challenge", new { userId = "heidi" });

        await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        var keys = await _http.GetFromJsonAsync<JsonElement>("/api/users/heidi/keys");
        Assert.Equal(heidi.Fingerprint, keys.GetProperty("signingKey").GetProperty("fingerprint").GetString());
    }

    [Theory]
    [InlineData("signingKey.spki", "not base64url!")]
    [InlineData("signingKey.spki", "AAAA")]
    [InlineData("agreementKey.spki", "")]
    [InlineData("signature", "abc=")]
    [InlineData("signingKey.alg", "RS256")]
    [InlineData("challengeId", "")]
    [InlineData("displayName", "line\nbreak")]
    [InlineData("displayName", "Bob \u202egnp.exe")]
    [InlineData("displayName", "zero\u200bwidth-space")]
    [InlineData("displayName", "joiner\u2060word")]
    [InlineData("displayName", "\u2066isolate\u2069")]
    [InlineData("signature", "AAAA AAAA")]
    [InlineData("signature", "AAAA\nAAAAAAAA")]
    [InlineData("signingKey.spki", "\tAAAA")]
    public async Task Register_MalformedField_Is400NamingTheField(string field, string value)
    {
        using var ivan = new BrowserIdentity($"ivan-{field.Replace('.', '-').ToLowerInvariant()}-{value.Length}");
        var challenge = await ivan.RequestChallengeAsync(_http, "/api/users/challenge");
        var registration = JsonSerializer.SerializeToNode(ivan.Registration(challenge))!;
        var path = field.Split('.');
        var parent = path.Length == 2 ? registration[path[0]]! : registration;
        parent[path[^1]] = value;

        var problem = await Problem.ReadAsync(await _http.PostAsJsonAsync("/api/users", registration), HttpStatusCode.BadRequest);

        Assert.Contains(field, problem.Detail);
        // The rejected request consumed nothing: the same challenge still registers.
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync("/api/users", ivan.Registration(challenge))).StatusCode);
    }

    [Fact]
    public async Task Register_DisplayName_IsStoredInNfc()
    {
        using var nina = new BrowserIdentity("nina-nfc");
        var challenge = await nina.RequestChallengeAsync(_http, "/api/users/challenge");
        var registration = JsonSerializer.SerializeToNode(nina.Registration(challenge))!;
        registration["displayName"] = "Rene\u0301e";

        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync("/api/users", registration)).StatusCode);

        var keys = await _http.GetFromJsonAsync<JsonElement>("/api/users/nina-nfc/keys");
        Assert.Equal("Ren\u00e9e", keys.GetProperty("displayName").GetString());
    }

    /// <summary>"name\n" once passed the id check ('$' matches before a final newline) and then answered 500.</summary>
    [Theory]
    [InlineData("POST", "/api/auth/register", "{\"username\":\"tnl\\n\",\"password\":\"a long password\"}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/auth/login", "{\"username\":\"tnl\\n\",\"password\":\"a long password\"}", HttpStatusCode.Unauthorized)]
    [InlineData("POST", "/api/auth/challenge", "{\"userId\":\"tnl\\n\"}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/users", "{\"userId\":\"tnl\\n\",\"signingKey\":{\"alg\":\"ES256\",\"spki\":\"AAAA\"}}", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/users/tnl%0A/keys", null, HttpStatusCode.BadRequest)]
    public async Task TrailingNewlineUserId_IsRefusedAsBadInput_Never500(string method, string path, string? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var problem = await Problem.ReadAsync(await _http.SendAsync(request), expected);

        Assert.NotEqual("InternalError", problem.Code);
    }

    [Fact]
    public async Task Register_BodyOverLimit_Is413Problem()
    {
        var huge = new string('a', 70 * 1024);

        var response = await _http.PostAsync("/api/users", new StringContent($"{{\"userId\":\"{huge}\"}}", Encoding.UTF8, "application/json"));

        await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }
}
