using Microsoft.Extensions.Logging;
using SecureCall.FaceAnalysis;
using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Joining deferred cues: a frame's spoof cues and embedding arrive after its answer (<see cref="CueLane"/>). They
/// join in frame order: the cues into that frame's evidence, the embedding through the same-face check. The decision
/// waits for all of them, measuring at once what the lane has not started.
/// </summary>
public sealed partial class VerificationSessionGrain
{
    /// <summary>
    /// Frames whose cues may be outstanding at once (at 5 frames/s, 1.6 s); beyond it the oldest are measured at once,
    /// so a busy silo cannot leave a session's face unchecked for long, nor hold many frames' pixels.
    /// </summary>
    private const int MaxPendingCues = 8;

    private readonly List<PendingCues> _pendingCues = [];

    /// <summary>One frame's outstanding cues, and where its evidence is (none when the frame was not kept as evidence).</summary>
    private sealed class PendingCues(DeferredCues cues)
    {
        public DeferredCues Cues { get; } = cues;

        public int? EvidenceIndex { get; set; }
    }

    /// <summary>
    /// Joins the cues that are measured, oldest first, stopping at the first that is not (unless <paramref name="wait"/>
    /// or too many are outstanding). Returns the session's end when an embedding shows a different face.
    /// </summary>
    private async Task<FrameFeedback?> JoinCuesAsync(bool wait)
    {
        while (_pendingCues.Count > 0)
        {
            var next = _pendingCues[0];
            if (!next.Cues.Result.IsCompleted && !wait && _pendingCues.Count <= MaxPendingCues)
            {
                return null;
            }
            _pendingCues.RemoveAt(0);
            var cues = await MeasuredAsync(next.Cues);
            if (next.EvidenceIndex is int index)
            {
                _evidence[index] = _evidence[index] with
                {
                    AntiSpoofReal = cues.Real, LivenessLive = cues.Live, DeepfakeReal = cues.DeepfakeReal,
                    ScreenGrid = cues.ScreenGrid, GamutClipped = cues.GamutClipped,
                };
            }
            if (cues.Embedding is { } embedding && await CheckSameFaceAsync(embedding) is { } changed)
            {
                return changed;
            }
        }
        return null;
    }

    /// <summary>The frame's cues; none when measuring failed, which the gates read as not measured (they fail closed).</summary>
    private async Task<FaceCues> MeasuredAsync(DeferredCues cues)
    {
        try
        {
            return await cues.MeasureNowAsync();
        }
        catch (InferenceStoppedException)
        {
            logger.LogWarning("Session {Session}: a frame's spoof cues were not measured: the silo is stopping", SessionId);
            return FaceCues.None;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Session {Session}: a frame's spoof cues could not be measured", SessionId);
            return FaceCues.None;
        }
    }

    /// <summary>The session ended: outstanding cues are never measured.</summary>
    private void DiscardPendingCues()
    {
        foreach (var pending in _pendingCues)
        {
            pending.Cues.Discard();
        }
        _pendingCues.Clear();
    }
}
