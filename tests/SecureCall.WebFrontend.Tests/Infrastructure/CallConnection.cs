using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using SecureCall.Grains.Interfaces.Calls;

namespace SecureCall.WebFrontend.Tests.Infrastructure;

/// <summary>A browser's SignalR connection to /hubs/calls on one host, recording every signal it is sent.</summary>
public sealed class CallConnection : IAsyncDisposable
{
    private readonly Channel<CallSignal> _signals = Channel.CreateUnbounded<CallSignal>();

    private CallConnection(HubConnection hub) => Hub = hub;

    public HubConnection Hub { get; }

    public static async Task<CallConnection> ConnectAsync(SecureCallFactory host, string token)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.Server.BaseAddress, "hubs/calls"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.WebSocketFactory = async (context, cancellation) =>
                {
                    var client = host.Server.CreateWebSocketClient();
                    client.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {token}";
                    return await client.ConnectAsync(context.Uri, cancellation);
                };
            })
            .Build();
        var connection = new CallConnection(hub);
        hub.On<RingingSignal>("Ringing", s => connection._signals.Writer.TryWrite(s));
        hub.On<AnsweredSignal>("Answered", s => connection._signals.Writer.TryWrite(s));
        hub.On<CandidateSignal>("Candidate", s => connection._signals.Writer.TryWrite(s));
        hub.On<CallStateSignal>("CallState", s => connection._signals.Writer.TryWrite(s));
        await hub.StartAsync();
        // StartAsync can return before the server registered the connection's presence; a round trip cannot.
        await hub.InvokeAsync<string>("WhoAmI");
        return connection;
    }

    /// <summary>The next signal of type <typeparamref name="T"/>, skipping others; fails after 10 s.</summary>
    public async Task<T> NextAsync<T>() where T : CallSignal
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (await _signals.Reader.ReadAsync(timeout.Token) is T wanted)
            {
                return wanted;
            }
        }
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}
