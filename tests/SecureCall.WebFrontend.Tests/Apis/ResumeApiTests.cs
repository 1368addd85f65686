using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security.Tokens;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>
/// <c>POST /api/auth/resume</c> on the real host: a reload within a live token's lifetime redeems its liveness grant
/// with a fresh signature by the device key; a copied token, another key, a replay or a sign-out redeem nothing.
/// </summary>
public sealed class ResumeApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly string[] LiveFace = ["sig", "live", "face"];
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Fact]
    public async Task Resume_SignedByTheDeviceKey_ReturnsTheLiveAmrWithTheOriginalExpiry()
    {
        using var alice = new BrowserIdentity("resume-ok");
        var (live, grantId) = await LiveAsync(alice);

        var response = await _http.PostAsJsonAsync("/api/auth/resume", await SignedResumeAsync(alice, grantId));

        response.EnsureSuccessStatusCode();
        var token = new JsonWebToken((await response.Content.ReadFromJsonAsync<BrowserIdentity.TokenBody>())!.Token);
        Assert.Equal(LiveFace, token.GetPayloadValue<string[]>("amr"));
        Assert.Equal(new JsonWebToken(live).ValidTo, token.ValidTo);
        // The resumed token opens what a live token opens: the calls API.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/calls/ice-servers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.EncodedToken);
        (await _http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Resume_WithACopiedTokenButAnotherKey_Is401BadSignature()
    {
        using var alice = new BrowserIdentity("resume-thief");
        using var mallory = new BrowserIdentity("resume-thief");
        var (live, grantId) = await LiveAsync(alice);
        var challenge = await alice.RequestChallengeAsync(_http, "/api/auth/resume/challenge");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/resume") { Content = JsonContent.Create(Resume(mallory, challenge, grantId)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", live);

        var problem = await Problem.ReadAsync(await _http.SendAsync(request), HttpStatusCode.Unauthorized);

        Assert.Equal("BadSignature", problem.Code);
    }

    [Fact]
    public async Task Resume_Replayed_OrWithASignInChallenge_IsRefused()
    {
        using var alice = new BrowserIdentity("resume-replay");
        var (_, grantId) = await LiveAsync(alice);
        var body = await SignedResumeAsync(alice, grantId);
        (await _http.PostAsJsonAsync("/api/auth/resume", body)).EnsureSuccessStatusCode();

        var replay = await _http.PostAsJsonAsync("/api/auth/resume", body);
        var signIn = await alice.RequestChallengeAsync(_http, "/api/auth/challenge");
        var crossPurpose = await _http.PostAsJsonAsync("/api/auth/resume", Resume(alice, signIn, grantId));

        Assert.Equal("ChallengeAlreadyUsed", (await Problem.ReadAsync(replay, replay.StatusCode)).Code);
        Assert.Equal("ChallengePurposeMismatch", (await Problem.ReadAsync(crossPurpose, crossPurpose.StatusCode)).Code);
        Assert.True(replay.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, replay.StatusCode.ToString());
    }

    [Fact]
    public async Task Resume_AfterSignOut_Is403_AndAMalformedGrantIdIs400()
    {
        using var alice = new BrowserIdentity("resume-signout");
        var (live, grantId) = await LiveAsync(alice);
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-out");
        signOut.Headers.Authorization = new AuthenticationHeaderValue("Bearer", live);
        var revoked = await _http.SendAsync(signOut);
        revoked.EnsureSuccessStatusCode();
        Assert.Equal(1, (await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revokedGrants").GetInt32());

        var afterSignOut = await _http.PostAsJsonAsync("/api/auth/resume", await SignedResumeAsync(alice, grantId));
        var malformed = await _http.PostAsJsonAsync("/api/auth/resume", await SignedResumeAsync(alice, "bad grant\nid"));

        Assert.Equal("InsufficientAssurance", (await Problem.ReadAsync(afterSignOut, HttpStatusCode.Forbidden)).Code);
        await Problem.ReadAsync(malformed, HttpStatusCode.BadRequest);
    }

    /// <summary>Registers, then does what a passing verification session does: issues a live token and keeps its grant.</summary>
    private async Task<(string Token, string GrantId)> LiveAsync(BrowserIdentity who)
    {
        (await who.RegisterAsync(_http)).EnsureSuccessStatusCode();
        var token = host.Factory.Services.GetRequiredService<TokenIssuer>().Issue(who.UserId, LiveFace, new Dictionary<string, object> { ["score"] = 0.9 }).Token;
        await host.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(who.UserId).RecordLivenessGrantAsync(new IdentityProof(token));
        return (token, new JsonWebToken(token).Id);
    }

    private async Task<object> SignedResumeAsync(BrowserIdentity who, string grantId) =>
        Resume(who, await who.RequestChallengeAsync(_http, "/api/auth/resume/challenge"), grantId);

    private static object Resume(BrowserIdentity signer, BrowserIdentity.Challenge challenge, string grantId) => new
    {
        challengeId = challenge.ChallengeId,
        grantId,
        signature = signer.Sign($"securecall/resume/v1\n{signer.UserId}\n{challenge.ChallengeId}\n{challenge.Nonce}\n{grantId}"),
    };
}
