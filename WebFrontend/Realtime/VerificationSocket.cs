using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Security;
using SecureCall.WebFrontend.Hosting;

namespace SecureCall.WebFrontend.Realtime;

/// <summary>
/// The seed-compatible WebSocket <c>/ws/verify/{sessionId}</c>: JSON text messages
/// <c>{"type":"frame","challenge_id","nonce","data":"&lt;base64 JPEG&gt;","ts"}</c> in, events out. It feeds the same
/// <see cref="FramePipeline"/> as the SignalR stream; a second socket (or hub stream) on a session that already has
/// one open gets an error event <c>FrameStreamBusy: …</c> and is closed. Like the hubs, the socket lives no longer
/// than the token it was opened with: at its expiry the server closes it (PolicyViolation, "token expired") and the
/// client reconnects with a fresh token.
/// </summary>
public static class VerificationSocket
{
    private const int MaxMessageBytes = 768 * 1024;
    private const string ExpiredReason = "token expired: reconnect with a fresh token";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IEndpointRouteBuilder MapVerificationSocket(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/verify/{sessionId}", HandleAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static async Task HandleAsync(string sessionId, HttpContext context, IGrainFactory grains, SecurityClock time)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw new SecureCallException(FailureCode.InvalidInput, "This endpoint speaks WebSocket only.");
        }
        var userId = context.User.Subject()!;
        var status = await grains.GetGrain<IVerificationSessionGrain>(sessionId).GetAsync(userId);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var sending = new SemaphoreSlim(1);
        async Task Send(VerificationUpdate update)
        {
            var e = VerificationEvent.From(update);
            await sending.WaitAsync();
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(e, Json), WebSocketMessageType.Text, true, context.RequestAborted);
                }
            }
            finally
            {
                sending.Release();
            }
        }

        var pipeline = new FramePipeline(grains, sessionId, userId, ClientAddress.Of(context), Send);
        try
        {
            await pipeline.OpenAsync();
        }
        catch (SecureCallException refusal) when (refusal.Code == FailureCode.FrameStreamBusy)
        {
            // One stream per session: the error event is sent, then the socket is closed.
            await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "another frame stream is open for this session", context.RequestAborted);
            return;
        }
        await Send(new ChallengeUpdate(status));

        async Task CloseAsync(WebSocketCloseStatus closeStatus, string description)
        {
            await sending.WaitAsync();
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(closeStatus, description, CancellationToken.None);
                }
            }
            finally
            {
                sending.Release();
            }
        }

        var running = RunThenCloseAsync();
        async Task RunThenCloseAsync()
        {
            await pipeline.RunAsync(context.RequestAborted);
            // Decided: start the closing handshake, so the client's answer ends the receive loop below.
            await CloseAsync(WebSocketCloseStatus.NormalClosure, "session decided");
        }

        using var expired = TokenExpiry.Timeout(context, time);
        var closingAtExpiry = Task.CompletedTask;
        var expiring = expired.Token.Register(() => closingAtExpiry = CloseAsync(WebSocketCloseStatus.PolicyViolation, ExpiredReason));

        var buffer = ArrayPool<byte>.Shared.Rent(MaxMessageBytes);
        try
        {
            while (socket.State == WebSocketState.Open && !running.IsCompleted)
            {
                var (length, kind) = await ReceiveAsync(socket, buffer, context.RequestAborted);
                // A frame that arrives once the token expired is not fed to the session.
                if (kind == WebSocketMessageType.Close || expired.IsCancellationRequested)
                {
                    break;
                }
                if (length < 0)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"messages are limited to {MaxMessageBytes} bytes", context.RequestAborted);
                    break;
                }
                if (Parse(buffer.AsSpan(0, length)) is { } frame)
                {
                    await pipeline.OfferAsync(frame);
                }
                else
                {
                    await Send(new ErrorUpdate("InvalidInput: expected {\"type\":\"frame\",\"challenge_id\",\"nonce\",\"data\":\"<base64 image>\",\"ts\"}."));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            pipeline.Complete();
        }
        await running;
        // Waits for a close the expiry started, after which the callback's task is visible here.
        await expiring.DisposeAsync();
        await closingAtExpiry;
    }

    /// <summary>Reads one whole message; length -1 when it exceeds the buffer.</summary>
    private static async Task<(int Length, WebSocketMessageType Kind)> ReceiveAsync(WebSocket socket, byte[] buffer, CancellationToken cancellation)
    {
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                return (-1, WebSocketMessageType.Text);
            }
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellation);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (0, WebSocketMessageType.Close);
            }
            length += result.Count;
            if (result.EndOfMessage)
            {
                return (length, result.MessageType);
            }
        }
    }

    private static FrameInput? Parse(ReadOnlySpan<byte> message)
    {
        try
        {
            var frame = JsonSerializer.Deserialize<SocketFrame>(message, Json);
            if (frame is not { Type: "frame", ChallengeId: { } challengeId, Nonce: { } nonce, Data: { } data })
            {
                return null;
            }
            var comma = data.StartsWith("data:", StringComparison.Ordinal) ? data.IndexOf(',', StringComparison.Ordinal) : -1;
            return new FrameInput(challengeId, nonce, Convert.FromBase64String(comma >= 0 ? data[(comma + 1)..] : data), frame.Ts ?? 0);
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            return null;
        }
    }

    private sealed record SocketFrame(string? Type, string? ChallengeId, string? Nonce, string? Data, long? Ts);
}
