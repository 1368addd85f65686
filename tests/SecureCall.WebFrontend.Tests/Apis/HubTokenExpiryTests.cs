using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SecureCall.Security.Tokens;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>
/// A hub connection lives no longer than its token; the client then reconnects with a fresh one. The seed WebSocket
/// <c>/ws/verify/{sessionId}</c> likewise.
/// </summary>
public sealed class HubTokenExpiryTests : IAsyncLifetime
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(6);
    private readonly TempDataDirectory _directory = new();
    private SecureCallFactory _factory = null!;

    public ValueTask InitializeAsync()
    {
        _factory = new SecureCallFactory(_directory.Path, settings: new Dictionary<string, string>
        {
            ["SecureCall:Tokens:Lifetime"] = Lifetime.ToString(),
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
    public async Task CallHubConnection_IsClosedWhenItsTokenExpires_AndTheClientReconnectsWithAFreshToken()
    {
        using var alice = new BrowserIdentity("exp-alice");
        Assert.Equal(HttpStatusCode.Created, (await alice.RegisterAsync(_factory.CreateClient())).StatusCode);
        var token = Fresh(alice.UserId);
        var tokensAsked = 0;
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_factory.Server.BaseAddress, "hubs/calls"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellation) =>
                {
                    // What a browser's accessTokenFactory does: hand over the newest token on every (re)connect.
                    Interlocked.Increment(ref tokensAsked);
                    var client = _factory.Server.CreateWebSocketClient();
                    var current = Volatile.Read(ref token);
                    client.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {current}";
                    return await client.ConnectAsync(context.Uri, cancellation);
                };
            })
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)])
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Reconnecting += _ =>
        {
            Volatile.Write(ref token, Fresh(alice.UserId));
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        hub.Reconnected += _ =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(alice.UserId, await hub.InvokeAsync<string>("WhoAmI", TestContext.Current.CancellationToken));

        await closed.Task.WaitAsync(Lifetime * 4, TestContext.Current.CancellationToken);
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(alice.UserId, await hub.InvokeAsync<string>("WhoAmI", TestContext.Current.CancellationToken));
        Assert.True(tokensAsked >= 2);
    }

    [Fact]
    public async Task VerificationSocket_IsClosedAsAPolicyViolationWhenItsTokenExpires()
    {
        // Judged on the host's clock: moving it past the token's expiry (well before the session's) closes the socket.
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

        _factory.Time.Advance(Lifetime + TimeSpan.FromSeconds(1));
        var closing = await socket.ReceiveAsync(buffer, timeout.Token);

        Assert.Equal(WebSocketMessageType.Close, closing.MessageType);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
        Assert.Contains("token expired", socket.CloseStatusDescription);
    }

    /// <summary>A token valid from now (the host's clock is moved up to the real one, which expiry is checked against).</summary>
    private string Fresh(string userId)
    {
        var now = DateTimeOffset.UtcNow;
        if (now > _factory.Time.GetUtcNow())
        {
            _factory.Time.SetUtcNow(now);
        }
        return _factory.Services.GetRequiredService<TokenIssuer>().Issue(userId, ["sig", "live"], new Dictionary<string, object> { ["score"] = 0.9 }).Token;
    }
}
