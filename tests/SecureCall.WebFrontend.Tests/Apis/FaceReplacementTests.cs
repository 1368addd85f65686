using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Options;
using SecureCall.Security;
using SecureCall.Security.Audit;
using SecureCall.Security.Tokens;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>
/// Issue 26, item 1: whoever holds an unlocked device must not swap the enrolled face for their own. A first
/// enrolment needs a signature login; replacing an enrolled face needs a recent face unlock against that very face.
/// </summary>
public sealed class FaceReplacementTests(HostFixture host) : IClassFixture<HostFixture>
{
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Fact]
    public async Task FirstEnrolment_WithSignatureToken_Is201AndAuditedWithItsProof()
    {
        var token = await SignedInAsync("replace-first");

        var response = await PostAsync(token, Photo(1));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var record = Assert.Single(await EnrolmentsAsync("replace-first"));
        Assert.Contains("first enrolment", record.Detail, StringComparison.Ordinal);
        Assert.Contains("amr sig", record.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replacement_WithSignatureOnlyToken_Is403AndTheEnrolledFaceStays()
    {
        var token = await SignedInAsync("replace-sig");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(token, Photo(1))).StatusCode);

        var problem = await Problem.ReadAsync(await PostAsync(token, Photo(2)), HttpStatusCode.Forbidden);

        Assert.Equal("InsufficientAssurance", problem.Code);
        Assert.Contains("face unlock", problem.Detail, StringComparison.Ordinal);
        Assert.True(await StillMatchesAsync(token, Photo(1)), "the enrolled face must still be the first one");
        Assert.Single(await EnrolmentsAsync("replace-sig"));
    }

    [Fact]
    public async Task Replacement_WithFreshFaceUnlockToken_Is201AndAuditedWithItsProof()
    {
        var token = await SignedInAsync("replace-fresh");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(token, Photo(1))).StatusCode);
        var unlocked = await FaceUnlockTokenAsync("replace-fresh", Photo(1), TimeSpan.FromSeconds(30));

        var response = await PostAsync(unlocked, Photo(2));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(await StillMatchesAsync(token, Photo(2)), "the new face is enrolled");
        var replacement = (await EnrolmentsAsync("replace-fresh")).Last();
        Assert.Contains("replacement", replacement.Detail, StringComparison.Ordinal);
        Assert.Contains("amr sig live face", replacement.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replacement_WithStaleFaceUnlockToken_Is403()
    {
        var token = await SignedInAsync("replace-stale");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(token, Photo(1))).StatusCode);
        var stale = await FaceUnlockTokenAsync("replace-stale", Photo(1), VerificationOptions.DefaultFaceReplacementMaxAge + TimeSpan.FromMinutes(1));

        var problem = await Problem.ReadAsync(await PostAsync(stale, Photo(2)), HttpStatusCode.Forbidden);

        Assert.Equal("InsufficientAssurance", problem.Code);
        Assert.Contains("face unlock is", problem.Detail, StringComparison.Ordinal);
        Assert.True(await StillMatchesAsync(token, Photo(1)), "the enrolled face must still be the first one");
    }

    [Fact]
    public async Task Replacement_WithFaceUnlockOfAnEarlierTemplate_Is403()
    {
        var token = await SignedInAsync("replace-earlier");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(token, Photo(1))).StatusCode);
        var unlocked = await FaceUnlockTokenAsync("replace-earlier", Photo(1), TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(unlocked, Photo(2))).StatusCode);

        // The same token again: its face matched the template it just replaced, not the one enrolled now.
        var problem = await Problem.ReadAsync(await PostAsync(unlocked, Photo(1)), HttpStatusCode.Forbidden);

        Assert.Contains("earlier face", problem.Detail, StringComparison.Ordinal);
        Assert.True(await StillMatchesAsync(token, Photo(2)), "the second face stays enrolled");
    }

    /// <summary>
    /// What a passing verification session hands out when its face matched the enrolled one: amr sig live face and the
    /// matched template's id, from the user grain's real comparison of <paramref name="frame"/>, issued
    /// <paramref name="age"/> ago by the host's own keys (a whole live session is LiveVerificationTests' subject).
    /// </summary>
    private async Task<string> FaceUnlockTokenAsync(string userId, string frame, TimeSpan age)
    {
        var services = host.Factory.Services;
        var match = await services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(userId).MatchFaceFramesAsync([Convert.FromBase64String(frame)]);
        Assert.True(match is { Match: true, TemplateId: not null }, "the face unlock must match the enrolled face");
        var issuer = new TokenIssuer(services.GetRequiredService<SigningKeyRing>(), services.GetRequiredService<IOptions<TokenOptions>>(),
            new SecurityClock(new FakeTimeProvider(DateTimeOffset.UtcNow - age)));
        return issuer.Issue(userId, ["sig", "live", "face"],
            new Dictionary<string, object> { ["score"] = 0.9, [ClaimNames.FaceTemplate] = match!.TemplateId! }).Token;
    }

    private async Task<bool> StillMatchesAsync(string token, string frame)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/face-verify") { Content = JsonContent.Create(new { frames = new[] { frame } }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("match").GetBoolean();
    }

    private async Task<List<AuditRecord>> EnrolmentsAsync(string userId) =>
        (await host.Factory.Services.GetRequiredService<IAuditLog>().ReadAsync(0, 100_000))
            .Where(r => r.Subject == userId && r.Type == "FaceEnrolled").ToList();

    private async Task<string> SignedInAsync(string userId)
    {
        using var identity = new BrowserIdentity(userId);
        Assert.Equal(HttpStatusCode.Created, (await identity.RegisterAsync(_http)).StatusCode);
        return await identity.LoginAsync(_http);
    }

    private async Task<HttpResponseMessage> PostAsync(string token, params string[] frames)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/setup-face") { Content = JsonContent.Create(new { frames }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }

    private static string Photo(int number)
    {
        var path = Path.Combine(SecureCallFactory.RepositoryRoot, "models", "node_modules", "@vladmandic", "face-api", "demo", $"sample{number}.jpg");
        Assert.True(File.Exists(path), $"{path} is missing: run models/prepare.sh");
        return Convert.ToBase64String(File.ReadAllBytes(path));
    }
}
