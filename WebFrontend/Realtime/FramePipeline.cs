using System.Threading.Channels;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.WebFrontend.Realtime;

/// <summary>
/// One session's frame path, shared by the SignalR stream and the seed WebSocket: a small bounded channel that
/// drops the oldest frame when inference falls behind (the connection is never blocked), a frames-per-second cap,
/// then inference worker → session grain → events back to the browser.
/// </summary>
public sealed class FramePipeline(
    IGrainFactory grains, string sessionId, string userId, string source, int framesPerSecond, int embeddingEveryFrames,
    Func<VerificationUpdate, Task> emit)
{
    private const int Capacity = 4;
    private readonly Channel<FrameInput> _frames = Channel.CreateBounded<FrameInput>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Queue<long> _recent = new();
    private bool _rateAudited;

    /// <summary>Offers a frame; over the rate it is refused (one error and one audit record per session), never queued.</summary>
    public async ValueTask<bool> OfferAsync(FrameInput frame)
    {
        var now = Environment.TickCount64;
        while (_recent.Count > 0 && now - _recent.Peek() >= 1000)
        {
            _recent.Dequeue();
        }
        if (_recent.Count >= framesPerSecond)
        {
            if (!_rateAudited)
            {
                _rateAudited = true;
                await grains.GetGrain<IAuditGrain>(0).AppendAsync(new AuditEvent(AuditEventType.RateLimited, userId, source, $"frames per second, session {sessionId}"));
                await emit(new ErrorUpdate($"RateLimited: at most {framesPerSecond} frames per second; extra frames are dropped.", frame.Timestamp));
            }
            return false;
        }
        _recent.Enqueue(now);
        return _frames.Writer.TryWrite(frame);
    }

    public void Complete() => _frames.Writer.TryComplete();

    /// <summary>Consumes frames until the stream ends or the session is decided.</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        var feeder = new SessionFrameFeeder(grains, sessionId, userId, embeddingEveryFrames);
        await foreach (var frame in _frames.Reader.ReadAllAsync(cancellation))
        {
            var outcome = await feeder.FeedAsync(frame.Data, frame.Timestamp, frame.ChallengeId, frame.Nonce);
            if (outcome.Feedback is not { } feedback)
            {
                await emit(new ErrorUpdate(outcome.ProblemText!, frame.Timestamp));
                continue;
            }
            await EmitAsync(feedback, frame.Timestamp);
            if (feedback.Status.State is not (VerificationState.Created or VerificationState.Streaming))
            {
                return;
            }
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
