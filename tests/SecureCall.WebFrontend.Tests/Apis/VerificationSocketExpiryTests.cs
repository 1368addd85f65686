using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>The seed WebSocket <c>/ws/verify/{sessionId}</c> lives no longer than its token, like the hubs.</summary>
public sealed class VerificationSocketExpiryTests : IAsyncLifetime
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(1);
    private readonly TempDataDirectory _directory = new();
    private SecureCallFactory _factory = null!;

    public ValueTask InitializeAsync()
    {
        // The session outlives the token, so only the token's expiry can end the socket.
        _factory = new SecureCallFactory(_directory.Path, settings: new Dictionary<string, string>
        {
            ["SecureCall:Tokens:Lifetime"] = TokenLifetime.ToString(),
            ["SecureCall:Verification:SessionLifetime"] = "00:05:00",
        });
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Socket_IsClosedAsAPolicyViolationWhenItsTokenExpires()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var http = _factory.CreateClient();
        using var alice = new BrowserIdentity("wsexp-alice");
        Assert.Equal(HttpStatusCode.Created, (await alice.RegisterAsync(http)).StatusCode);
        var token = await alice.LoginAsync(http);
        using var start = new HttpRequestMessage(HttpMethod.Post, "/auth/verify") { Content = JsonContent.Create(new { user_id = alice.UserId }) };
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var session = await (await http.SendAsync(start, cancellation)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(cancellation);
        var client = _factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = r => r.Headers.Authorization = $"Bearer {token}";
        using var socket = await client.ConnectAsync(new Uri(_factory.Server.BaseAddress, $"ws/verify/{session.GetProperty("session_id").GetString()}"), cancellation);
        var buffer = new byte[64 * 1024];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        Assert.Equal(WebSocketMessageType.Text, (await socket.ReceiveAsync(buffer, timeout.Token)).MessageType);

        _factory.Time.Advance(TokenLifetime + TimeSpan.FromSeconds(1));
        var closing = await socket.ReceiveAsync(buffer, timeout.Token);

        Assert.Equal(WebSocketMessageType.Close, closing.MessageType);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
        Assert.Contains("token expired", socket.CloseStatusDescription);
    }
}
