using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecureCall.Hosting;
using SecureCall.Tests.Shared;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>
/// Key rotation for face templates on the real host: add a key-encryption key, make it active, run the rotation,
/// retire the old key — the enrolled face still matches, so every template was re-sealed under the new key.
/// </summary>
public sealed class TemplateKeyRotationTests : IDisposable
{
    private const string NewKeyId = "kek-rotated";
    private readonly TempDataDirectory _directory = new();

    [Fact]
    public async Task Rotation_ReSealsEveryTemplate_SoTheOldKeyCanBeRetired()
    {
        string token;
        await using (var first = new SecureCallFactory(_directory.Path))
        {
            var http = first.CreateClient();
            using var alice = new BrowserIdentity("alice");
            Assert.Equal(HttpStatusCode.Created, (await alice.RegisterAsync(http)).StatusCode);
            token = await alice.LoginAsync(http);
            Assert.Equal(HttpStatusCode.Created, (await PostAsync(http, "/api/auth/setup-face", token)).StatusCode);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var keyDirectory = Path.Combine(_directory.Path, "kek");
        var oldKeys = Directory.GetFiles(keyDirectory, "*.kek");
        await File.WriteAllTextAsync(Path.Combine(keyDirectory, NewKeyId + ".kek"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), TestContext.Current.CancellationToken);

        await using (var rotating = new SecureCallFactory(_directory.Path, settings: ActiveNewKey()))
        {
            _ = rotating.Server;
            var rotation = rotating.Services.GetRequiredService<TemplateKeyRotation>();
            Assert.Equal((1, 1), await rotation.RunAsync(TestContext.Current.CancellationToken));
            Assert.Equal((1, 0), await rotation.RunAsync(TestContext.Current.CancellationToken));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var old in oldKeys)
        {
            File.Delete(old);
        }

        await using var retired = new SecureCallFactory(_directory.Path, settings: ActiveNewKey());
        var match = await PostAsync(retired.CreateClient(), "/api/auth/face-verify", token);

        Assert.Equal(HttpStatusCode.OK, match.StatusCode);
        Assert.True((await match.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("match").GetBoolean());
    }

    public void Dispose() => _directory.Dispose();

    private static Dictionary<string, string> ActiveNewKey() => new() { ["SecureCall:TemplateKeys:ActiveKeyId"] = NewKeyId };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string token)
    {
        var photo = SampleFaceFrames.PhotoPath(SecureCallFactory.RepositoryRoot, 1);
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = JsonContent.Create(new { frames = new[] { Convert.ToBase64String(await File.ReadAllBytesAsync(photo)) } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
