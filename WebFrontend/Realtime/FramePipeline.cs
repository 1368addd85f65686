using System.Threading.Channels;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.WebFrontend.Realtime;

/// <summary>
/// One connection's frame path into a session, shared by the SignalR stream and the seed WebSocket: the session's one
/// frame stream (opened first, refused while another connection holds it), a small bounded channel that drops the
/// oldest frame when the session falls behind (the connection is never blocked), then session grain (which counts the
/// session's frame rate, has each frame analysed and judges it) → events back to the browser.
/// </summary>
public sealed class FramePipeline(IGrainFactory grains, string sessionId, string userId, string source, Func<VerificationUpdate, Task> emit)
{
    private const int Capacity = 4;
    private readonly Channel<FrameInput> _frames = Channel.CreateBounded<FrameInput>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly SessionFrameFeeder _feeder = new(grains, sessionId, userId);
    private bool _rateReported;

    /// <summary>
    /// Opens the session's frame stream; a refusal (another stream is open: <see cref="FailureCode.FrameStreamBusy"/>)
    /// is sent to the client as an error event and rethrown.
    /// </summary>
    public async Task OpenAsync()
    {
        AuditSource.Set(source);
        try
        {
            await _feeder.OpenAsync();
        }
        catch (SecureCallException refusal)
        {
            await emit(new ErrorUpdate($"{refusal.Code}: {refusal.Message}"));
            throw;
        }
    }

    /// <summary>Offers a frame; when the session falls behind, the oldest waiting frame is dropped.</summary>
    public ValueTask<bool> OfferAsync(FrameInput frame) => ValueTask.FromResult(_frames.Writer.TryWrite(frame));

    public void Complete() => _frames.Writer.TryComplete();

    /// <summary>Consumes frames until the stream ends, the session is decided or another stream took the session over; then closes the stream.</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        AuditSource.Set(source);
        try
        {
            await foreach (var frame in _frames.Reader.ReadAllAsync(cancellation))
            {
                var outcome = await _feeder.FeedAsync(frame.Data, frame.Timestamp, frame.ChallengeId, frame.Nonce);
                if (outcome.Feedback is not { } feedback)
                {
                    // Over the session's rate: one error per stream, then frames are dropped quietly.
                    if (!outcome.Is(nameof(FailureCode.RateLimited)) || !_rateReported)
                    {
                        _rateReported |= outcome.Is(nameof(FailureCode.RateLimited));
                        await emit(new ErrorUpdate(outcome.ProblemText!, frame.Timestamp));
                    }
                    if (outcome.Is(nameof(FailureCode.FrameStreamBusy)))
                    {
                        return;
                    }
                    continue;
                }
                await EmitAsync(feedback, frame.Timestamp);
                if (feedback.Status.State is not (VerificationState.Created or VerificationState.Streaming))
                {
                    return;
                }
            }
        }
        finally
        {
            await _feeder.DisposeAsync();
        }
    }

    private Task EmitAsync(FrameFeedback feedback, long ts)
    {
        var status = feedback.Status;
        if (status.State is not (VerificationState.Created or VerificationState.Streaming))
        {
            return emit(new ResultUpdate(status, ts));
        }
        return feedback.ChallengeResult is null
            ? emit(new FeedbackUpdate(feedback.Feedback, status, ts))
            : EmitBothAsync(feedback, ts);
    }

    private async Task EmitBothAsync(FrameFeedback feedback, long ts)
    {
        await emit(new ChallengeResultUpdate(feedback.ChallengeResult!, feedback.Status, ts));
        await emit(new ChallengeUpdate(feedback.Status, ts));
    }
}
