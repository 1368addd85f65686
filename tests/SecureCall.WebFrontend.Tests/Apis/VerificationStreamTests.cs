using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SecureCall.WebFrontend.Realtime;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>Both frame paths end to end on the real host with the real models: signature login → /auth/verify → frames → feedback.</summary>
public sealed class VerificationStreamTests(HostFixture host) : IClassFixture<HostFixture>
{
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Fact]
    public async Task StartVerification_WithSignatureToken_ReturnsSeedContract()
    {
        var (token, _) = await SignedInAsync("v-start");

        var body = await StartAsync(token, "v-start");

        Assert.False(string.IsNullOrEmpty(body.GetProperty("session_id").GetString()));
        // No public base URL configured: relative URLs, which a browser resolves against the page's own origin.
        Assert.Equal($"/ws/verify/{body.GetProperty("session_id").GetString()}", body.GetProperty("websocket_url").GetString());
        Assert.Equal("/hubs/verify", body.GetProperty("hub_url").GetString());
        Assert.Equal(JsonValueKind.Object, body.GetProperty("status").GetProperty("current").ValueKind);
    }

    [Fact]
    public async Task ForeignHostHeader_IsRefusedByTheShippedAllowedHosts()
    {
        var evil = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example") });

        var response = await evil.GetAsync("/health");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Factory.CreateClient(new() { BaseAddress = new Uri("http://127.0.0.1:5000") }).GetAsync("/health")).StatusCode);
    }

    [Theory]
    [InlineData(null, "/ws/verify/", "/hubs/verify")]
    [InlineData("https://call.example.org", "wss://call.example.org/ws/verify/", "https://call.example.org/hubs/verify")]
    public async Task StartVerification_UrlsComeFromConfiguration_NeverFromTheHostHeader(string? publicBaseUrl, string socketPrefix, string hubUrl)
    {
        // Even where an operator allows any Host (a proxy in front), the answer must not point at the one the client sent.
        using var directory = new TempDataDirectory();
        var settings = new Dictionary<string, string> { ["AllowedHosts"] = "*" };
        if (publicBaseUrl is not null)
        {
            settings["SecureCall:Api:PublicBaseUrl"] = publicBaseUrl;
        }
        await using var factory = new SecureCallFactory(directory.Path, settings: settings);
        var evil = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example") });
        using var identity = new BrowserIdentity("v-host");
        Assert.Equal(HttpStatusCode.Created, (await identity.RegisterAsync(evil)).StatusCode);
        var token = await identity.LoginAsync(evil);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/verify") { Content = JsonContent.Create(new { user_id = "v-host" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var body = await (await evil.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(socketPrefix + body.GetProperty("session_id").GetString(), body.GetProperty("websocket_url").GetString());
        Assert.Equal(hubUrl, body.GetProperty("hub_url").GetString());
        Assert.DoesNotContain("evil.example", body.ToString());
    }

    [Fact]
    public async Task StartVerification_BeyondOpenSessionsPerUser_Is429()
    {
        var (token, _) = await SignedInAsync("v-many");
        await StartAsync(token, "v-many");
        await StartAsync(token, "v-many");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/verify") { Content = JsonContent.Create(new { user_id = "v-many" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var problem = await Problem.ReadAsync(await _http.SendAsync(request), HttpStatusCode.TooManyRequests);

        Assert.Equal("RateLimited", problem.Code);
    }

    [Fact]
    public async Task StartVerification_ForAnotherUser_IsForbidden()
    {
        var (token, _) = await SignedInAsync("v-self");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/verify") { Content = JsonContent.Create(new { user_id = "someone-else" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await Problem.ReadAsync(await _http.SendAsync(request), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task WebSocket_FramesOfTheCurrentChallenge_GetFeedbackAndForeignNoncesAreRefused()
    {
        var (token, _) = await SignedInAsync("v-socket");
        var session = await StartAsync(token, "v-socket");
        var client = host.Factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = r => r.Headers.Authorization = $"Bearer {token}";
        using var socket = await client.ConnectAsync(new Uri(host.Factory.Server.BaseAddress, $"ws/verify/{session.GetProperty("session_id").GetString()}"), TestContext.Current.CancellationToken);

        var first = await ReceiveAsync(socket);
        var current = first.GetProperty("status").GetProperty("current");
        var photo = Convert.ToBase64String(await File.ReadAllBytesAsync(SamplePhoto(1), TestContext.Current.CancellationToken));
        await SendAsync(socket, new { type = "frame", challenge_id = current.GetProperty("challenge_id").GetString(), nonce = current.GetProperty("nonce").GetString(), data = photo, ts = 1 });
        var feedback = await ReceiveAsync(socket);
        await SendAsync(socket, new { type = "frame", challenge_id = current.GetProperty("challenge_id").GetString(), nonce = "AAAA", data = photo, ts = 2 });
        var refused = await ReceiveAsync(socket);

        Assert.Equal("challenge", first.GetProperty("type").GetString());
        Assert.Equal("feedback", feedback.GetProperty("type").GetString());
        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.StartsWith("ChallengeAlreadyUsed", refused.GetProperty("message").GetString());
    }

    [Fact]
    public async Task SignalR_StreamedFrames_GetFeedback()
    {
        var (token, _) = await SignedInAsync("v-hub");
        var session = await StartAsync(token, "v-hub");
        var events = Channel.CreateUnbounded<VerificationEvent>();
        await using var hub = VerifyHubConnection.Create(host.Factory, token);
        hub.On<VerificationEvent>("Verification", e => events.Writer.TryWrite(e));
        await hub.StartAsync(TestContext.Current.CancellationToken);
        var current = session.GetProperty("status").GetProperty("current");
        var frames = Channel.CreateUnbounded<FrameInput>();
        var photo = await File.ReadAllBytesAsync(SamplePhoto(1), TestContext.Current.CancellationToken);

        var streaming = hub.SendAsync("StreamFrames", session.GetProperty("session_id").GetString(), frames.Reader, TestContext.Current.CancellationToken);
        await frames.Writer.WriteAsync(new FrameInput(current.GetProperty("challengeId").GetString()!, current.GetProperty("nonce").GetString()!, photo, 1), TestContext.Current.CancellationToken);
        var first = await NextAsync(events);
        var second = await NextAsync(events);
        frames.Writer.Complete();
        await streaming;

        Assert.Equal("challenge", first.Type);
        Assert.Equal("feedback", second.Type);
        Assert.Equal(Grains.Interfaces.Verification.VerificationState.Streaming, second.Status!.State);
    }

    [Fact]
    public async Task SignalR_ClientClosingItsFrameStream_IsANormalEnd_NotAnError()
    {
        var (token, _) = await SignedInAsync("v-close");
        var session = await StartAsync(token, "v-close");
        var events = Channel.CreateUnbounded<VerificationEvent>();
        var hub = VerifyHubConnection.Create(host.Factory, token);
        hub.On<VerificationEvent>("Verification", e => events.Writer.TryWrite(e));
        await hub.StartAsync(TestContext.Current.CancellationToken);
        var frames = Channel.CreateUnbounded<FrameInput>();
        var logged = host.Factory.Logs.Entries.Count;

        // The browser stops its camera and leaves: the stream is still open when the connection goes.
        _ = hub.SendAsync("StreamFrames", session.GetProperty("session_id").GetString(), frames.Reader, TestContext.Current.CancellationToken);
        Assert.Equal("challenge", (await NextAsync(events)).Type);
        await hub.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        var errors = host.Factory.Logs.Entries.Skip(logged).Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private async Task<(string Token, BrowserIdentity Identity)> SignedInAsync(string userId)
    {
        var identity = new BrowserIdentity(userId);
        Assert.Equal(HttpStatusCode.Created, (await identity.RegisterAsync(_http)).StatusCode);
        return (await identity.LoginAsync(_http), identity);
    }

    private async Task<JsonElement> StartAsync(string token, string userId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/verify") { Content = JsonContent.Create(new { user_id = userId }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string SamplePhoto(int number)
    {
        var path = Path.Combine(SecureCallFactory.RepositoryRoot, "models", "node_modules", "@vladmandic", "face-api", "demo", $"sample{number}.jpg");
        Assert.True(File.Exists(path), $"{path} is missing: run models/prepare.sh");
        return path;
    }

    private static Task SendAsync(WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count)).RootElement.Clone();
    }

    private static async Task<VerificationEvent> NextAsync(Channel<VerificationEvent> events)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await events.Reader.ReadAsync(timeout.Token);
    }
}
