using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SecureCall.WebFrontend.Realtime;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>
/// Issue 12, item 4: one session takes frames from one stream at a time, whichever path (SignalR stream or seed
/// WebSocket) each uses, and its frame rate is counted per session, so more connections do not multiply it. The
/// host's security clock stands still unless a test moves it: every frame sent falls in the same second.
/// </summary>
public sealed class FrameStreamLimitTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const int FramesPerSecond = 15;
    private readonly HttpClient _http = host.Factory.CreateClient();

    [Fact]
    public async Task TwoHubStreamsOnOneSession_TheSecondIsRefused_AndTheSessionTakesNoMoreThanItsRate()
    {
        var (token, sessionId, challengeId, nonce) = await StartSessionAsync("two-hub-streams");
        var photo = await File.ReadAllBytesAsync(SamplePhoto(), TestContext.Current.CancellationToken);
        await using var first = await StreamAsync(token, sessionId);
        Assert.Equal("challenge", (await first.NextAsync()).Type);

        await using var second = await ConnectAsync(token);
        var secondEvents = Channel.CreateUnbounded<VerificationEvent>();
        second.On<VerificationEvent>("Verification", e => secondEvents.Writer.TryWrite(e));
        var refused = await Assert.ThrowsAsync<HubException>(() =>
            second.InvokeAsync("StreamFrames", sessionId, Channel.CreateUnbounded<FrameInput>().Reader, TestContext.Current.CancellationToken)
                .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        var refusedEvent = await secondEvents.Reader.ReadAsync(TestContext.Current.CancellationToken);

        // One frame at a time, each answered before the next, until the session refuses one for its rate.
        var answered = new List<VerificationEvent>();
        for (var ts = 1; ts <= FramesPerSecond + 1; ts++)
        {
            await first.Frames.Writer.WriteAsync(new FrameInput(challengeId, nonce, photo, ts), TestContext.Current.CancellationToken);
            answered.Add(await first.AnswerToAsync(ts));
        }
        first.Frames.Writer.Complete();
        await first.Streaming;

        // A later stream on the same session, in the same second, gets nothing analysed; the next second it does.
        await using var third = await StreamAsync(token, sessionId);
        Assert.Equal("challenge", (await third.NextAsync()).Type);
        await third.Frames.Writer.WriteAsync(new FrameInput(challengeId, nonce, photo, 100), TestContext.Current.CancellationToken);
        var sameSecond = await third.AnswerToAsync(100);
        host.Factory.Time.Advance(TimeSpan.FromSeconds(1));
        await third.Frames.Writer.WriteAsync(new FrameInput(challengeId, nonce, photo, 101), TestContext.Current.CancellationToken);
        var nextSecond = await third.AnswerToAsync(101);
        third.Frames.Writer.Complete();
        await third.Streaming;

        // SignalR wraps a streaming method's HubException ("… HubException: Code: message"); the browser client parses that.
        Assert.Contains("HubException: FrameStreamBusy: ", refused.Message);
        Assert.Equal("error", refusedEvent.Type);
        Assert.StartsWith("FrameStreamBusy: ", refusedEvent.Message);
        Assert.All(answered.Take(FramesPerSecond), e => Assert.False(e.Message.StartsWith("RateLimited", StringComparison.Ordinal), e.Message));
        Assert.Equal("error", answered[FramesPerSecond].Type);
        Assert.StartsWith("RateLimited: ", answered[FramesPerSecond].Message);
        Assert.StartsWith("RateLimited: ", sameSecond.Message);
        Assert.Equal("feedback", nextSecond.Type);
    }

    [Fact]
    public async Task SecondWebSocketOnASessionWithAnOpenStream_GetsAnErrorEventAndIsClosed()
    {
        var (token, sessionId, _, _) = await StartSessionAsync("two-sockets");
        using var first = await OpenSocketAsync(token, sessionId);
        Assert.Equal("challenge", (await ReceiveAsync(first)).GetProperty("type").GetString());

        using var second = await OpenSocketAsync(token, sessionId);
        var refused = await ReceiveAsync(second);
        var closed = await second.ReceiveAsync(new byte[1024], TestContext.Current.CancellationToken);

        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.StartsWith("FrameStreamBusy: ", refused.GetProperty("message").GetString());
        Assert.Equal(WebSocketMessageType.Close, closed.MessageType);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, second.CloseStatus);
    }

    private async Task<(string Token, string SessionId, string ChallengeId, string Nonce)> StartSessionAsync(string userId)
    {
        var identity = new BrowserIdentity(userId);
        Assert.Equal(HttpStatusCode.Created, (await identity.RegisterAsync(_http)).StatusCode);
        var token = await identity.LoginAsync(_http);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/verify") { Content = JsonContent.Create(new { user_id = userId }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var current = body.GetProperty("status").GetProperty("current");
        return (token, body.GetProperty("session_id").GetString()!, current.GetProperty("challengeId").GetString()!, current.GetProperty("nonce").GetString()!);
    }

    private async Task<HubConnection> ConnectAsync(string token)
    {
        var hub = VerifyHubConnection.Create(host.Factory, token);
        await hub.StartAsync(TestContext.Current.CancellationToken);
        return hub;
    }

    private async Task<HubStream> StreamAsync(string token, string sessionId)
    {
        var hub = await ConnectAsync(token);
        var events = Channel.CreateUnbounded<VerificationEvent>();
        hub.On<VerificationEvent>("Verification", e => events.Writer.TryWrite(e));
        var frames = Channel.CreateUnbounded<FrameInput>();
        return new HubStream(hub, events, frames, hub.InvokeAsync("StreamFrames", sessionId, frames.Reader, TestContext.Current.CancellationToken));
    }

    private async Task<WebSocket> OpenSocketAsync(string token, string sessionId)
    {
        var client = host.Factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = r => r.Headers.Authorization = $"Bearer {token}";
        return await client.ConnectAsync(new Uri(host.Factory.Server.BaseAddress, $"ws/verify/{sessionId}"), TestContext.Current.CancellationToken);
    }

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count)).RootElement.Clone();
    }

    private static string SamplePhoto() =>
        Path.Combine(SecureCallFactory.RepositoryRoot, "models", "node_modules", "@vladmandic", "face-api", "demo", "sample1.jpg");

    /// <summary>One hub connection streaming frames to a session, and the events it receives.</summary>
    private sealed record HubStream(HubConnection Hub, Channel<VerificationEvent> Events, Channel<FrameInput> Frames, Task Streaming) : IAsyncDisposable
    {
        public async Task<VerificationEvent> NextAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            return await Events.Reader.ReadAsync(timeout.Token);
        }

        /// <summary>The first event answering the frame sent with <paramref name="ts"/>.</summary>
        public async Task<VerificationEvent> AnswerToAsync(long ts)
        {
            while (true)
            {
                var e = await NextAsync();
                if (e.Ts == ts)
                {
                    return e;
                }
            }
        }

        public ValueTask DisposeAsync() => Hub.DisposeAsync();
    }
}
