using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.WebFrontend.Realtime;

/// <summary>
/// One frame stream into one session, the same for the SignalR stream, the seed WebSocket, tests and the benchmark:
/// opens the session's one stream (<see cref="IVerificationSessionGrain.OpenFrameStreamAsync"/>), hands it each
/// frame's image, and closes it. The session grain analyses the frames itself; this feeder measures nothing.
/// Not thread-safe: one feeder per stream, fed in order.
/// </summary>
public sealed class SessionFrameFeeder(IGrainFactory grains, string sessionId, string userId) : IAsyncDisposable
{
    private readonly IVerificationSessionGrain _session = grains.GetGrain<IVerificationSessionGrain>(sessionId);
    private string? _streamId;

    /// <summary>Opens the session's frame stream; refused (<see cref="FailureCode.FrameStreamBusy"/>) while another is open.</summary>
    public async Task OpenAsync() => _streamId ??= await _session.OpenFrameStreamAsync(userId);

    /// <summary>Submits one frame (opening the stream first if needed): the session's answer, or a problem for the client.</summary>
    public async Task<FrameOutcome> FeedAsync(byte[] frame, long timestamp, string challengeId, string nonce)
    {
        try
        {
            await OpenAsync();
            var feedback = await _session.SubmitFrameAsync(userId, _streamId!, new VerificationFrame(challengeId, nonce, frame, timestamp));
            return feedback.Problem is { } problem ? FrameOutcome.Problem(problem) : FrameOutcome.Answered(feedback);
        }
        catch (SecureCallException refusal)
        {
            return FrameOutcome.Problem($"{refusal.Code}: {refusal.Message}");
        }
    }

    /// <summary>Closes the stream, so the session can take another.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_streamId is { } streamId)
        {
            _streamId = null;
            try
            {
                await _session.CloseFrameStreamAsync(userId, streamId);
            }
            catch (SecureCallException)
            {
                // The session is gone or not this user's: nothing is left to close.
            }
        }
    }
}
