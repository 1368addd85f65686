using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace SecureCall.WebFrontend.Tests.Infrastructure;

/// <summary>A connection to the verification hub over the test server's WebSocket, with the binary MessagePack protocol browsers should use.</summary>
public static class VerifyHubConnection
{
    public static HubConnection Create(SecureCallFactory factory, string token) => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.Server.BaseAddress, "hubs/verify"), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            o.WebSocketFactory = async (context, cancellation) =>
            {
                var ws = factory.Server.CreateWebSocketClient();
                ws.ConfigureRequest = r => r.Headers.Authorization = $"Bearer {token}";
                return await ws.ConnectAsync(context.Uri, cancellation);
            };
        })
        .AddMessagePackProtocol()
        .Build();
}
