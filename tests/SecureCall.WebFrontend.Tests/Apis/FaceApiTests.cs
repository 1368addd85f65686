using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>Enrolment and face login with the real models on the sample photos.</summary>
public sealed class FaceApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Fact]
    public async Task EnrolThenVerify_SamePerson_MatchesAndOtherPerson_DoesNot()
    {
        var token = await SignedInAsync("face-a");
        var enrolled = await PostAsync("/api/auth/setup-face", token, Photo(1), Photo(1));
        var same = await PostAsync("/api/auth/face-verify", token, Photo(1));
        var other = await PostAsync("/api/auth/face-verify", token, Photo(2));

        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        var sameBody = await same.Content.ReadFromJsonAsync<JsonElement>();
        var otherBody = await other.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(sameBody.GetProperty("match").GetBoolean(), sameBody.ToString());
        Assert.False(otherBody.GetProperty("match").GetBoolean(), otherBody.ToString());
    }

    [Fact]
    public async Task Verify_AnswersMatchOrNoMatchOnly_NeverTheSimilarity()
    {
        var token = await SignedInAsync("face-oracle");
        await PostAsync("/api/auth/setup-face", token, Photo(1));

        var body = await (await PostAsync("/api/auth/face-verify", token, Photo(2))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(["match"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Verify_WithPasswordToken_IsForbidden()
    {
        await _http.PostAsJsonAsync("/api/auth/register", new { username = "face-pwv", password = "a long password" });
        var login = await (await _http.PostAsJsonAsync("/api/auth/login", new { username = "face-pwv", password = "a long password" })).Content.ReadFromJsonAsync<JsonElement>();

        var problem = await Problem.ReadAsync(await PostAsync("/api/auth/face-verify", login.GetProperty("token").GetString()!, Photo(1)), HttpStatusCode.Forbidden);

        Assert.Equal("InsufficientAssurance", problem.Code);
    }

    [Fact]
    public async Task Verify_OverThePerUserLimit_Is429BeforeAnyFrameIsAnalysed()
    {
        var token = await SignedInAsync("face-limit");
        var notAnImage = Convert.ToBase64String("not an image"u8.ToArray());
        for (var i = 0; i < SecureCall.Options.VerificationOptions.DefaultFaceChecksPerMinutePerUser; i++)
        {
            await Problem.ReadAsync(await PostAsync("/api/auth/face-verify", token, notAnImage), HttpStatusCode.BadRequest);
        }

        var problem = await Problem.ReadAsync(await PostAsync("/api/auth/face-verify", token, Photo(1)), HttpStatusCode.TooManyRequests);

        Assert.Equal("RateLimited", problem.Code);
    }

    [Fact]
    public async Task Verify_WithoutEnrolment_Is404()
    {
        var token = await SignedInAsync("face-none");

        await Problem.ReadAsync(await PostAsync("/api/auth/face-verify", token, Photo(1)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Enrol_FramesWithoutAFace_Is400AndStoresNothing()
    {
        var token = await SignedInAsync("face-empty");
        // Any bytes that are not a picture of a face (this once read Client.Web/public/index.html, which is gone).
        var blank = Convert.ToBase64String("<!doctype html><title>SecureCall</title>"u8.ToArray());

        await Problem.ReadAsync(await PostAsync("/api/auth/setup-face", token, blank), HttpStatusCode.BadRequest);
        await Problem.ReadAsync(await PostAsync("/api/auth/face-verify", token, Photo(1)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Enrol_WithPasswordToken_IsForbidden()
    {
        await _http.PostAsJsonAsync("/api/auth/register", new { username = "face-pwd", password = "a long password" });
        var login = await (await _http.PostAsJsonAsync("/api/auth/login", new { username = "face-pwd", password = "a long password" })).Content.ReadFromJsonAsync<JsonElement>();

        await Problem.ReadAsync(await PostAsync("/api/auth/setup-face", login.GetProperty("token").GetString()!, Photo(1)), HttpStatusCode.Forbidden);
    }

    private async Task<string> SignedInAsync(string userId)
    {
        using var identity = new BrowserIdentity(userId);
        Assert.Equal(HttpStatusCode.Created, (await identity.RegisterAsync(_http)).StatusCode);
        return await identity.LoginAsync(_http);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string token, params string[] frames)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { frames }) };
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
