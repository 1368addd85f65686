using System.Security.Cryptography;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Challenge timing and continuity (issue 13, items 1 and 2). Each challenge starts with a random pause in which its
/// instruction is hidden; the pause ends, and the instruction is shown, once its time is up and the last frames are a
/// still, neutral face: they are the baseline. The reaction window runs from that moment. Every analysed frame must
/// follow on from the one before as one continuous movement; a break voids a shown challenge and restarts a pause.
/// </summary>
public sealed partial class VerificationSessionGrain
{
    private const string WaitInstruction = "Hold still and look at the camera";

    /// <summary>The session's frames (10 s at 15 frames/s) whose median is the person's rest pose for the baseline.</summary>
    private const int RestHistoryFrames = 150;

    private List<FaceObservation> _baseline = [];
    private DateTimeOffset? _shownAt;
    private FaceObservation? _previous;
    private (FacePatches Patches, float[] Points)? _texture;
    private IReadOnlyList<float>? _pauseLandmarks;
    private IReadOnlyList<float>? _textureReference;
    private FacePatches? _textureOrigin;

    /// <summary>Whether the current challenge already replaced one whose baseline did not settle (at most once).</summary>
    private bool _replaced;

    /// <summary>Starts a challenge now: its instruction shows after a random pause, and it has its time limit.</summary>
    private VerificationChallenge Issue(VerificationChallenge challenge, DateTimeOffset now)
    {
        var o = options.Value;
        var pause = RandomNumberGenerator.GetInt32((int)o.MinInstructionPause.TotalMilliseconds, (int)o.MaxInstructionPause.TotalMilliseconds + 1);
        return challenge with { ShownAt = now.AddMilliseconds(pause), ExpiresAt = Min(now + o.ChallengeTimeLimit, Session.ExpiresAt) };
    }

    /// <summary>A frame of the pause: kept for the baseline; the instruction is shown when the pause is over and the face is still.</summary>
    private async Task<FrameFeedback> PauseAsync(VerificationChallenge challenge, FaceObservation frame)
    {
        var o = options.Value;
        _pause.Add(frame);
        if (_pause.Count > 3 * o.BaselineFrames)
        {
            _pause.RemoveAt(0);
        }
        var now = time.GetUtcNow();
        var notReady = ChallengeBaseline.NotReady(_pause, o.BaselineFrames, o.Thresholds, _evidence.TakeLast(RestHistoryFrames).ToList());
        if (notReady is not null && now >= challenge.ShownAt + o.BaselineSettleTime && !_replaced && ReplacementFor(challenge.Kind) is { } kind)
        {
            return await ReplaceAsync(challenge, kind, notReady);
        }
        if (now < challenge.ShownAt || notReady is not null)
        {
            return new FrameFeedback(frame.FaceFound ? (notReady ?? WaitInstruction).ToLowerInvariant() : "no face found: face the camera", null, Status());
        }
        _baseline = _pause.Skip(_pause.Count - o.BaselineFrames).ToList();
        // The texture of this, the baseline's last frame, is followed through the answer and compared with its landmarks.
        _textureReference = _pauseLandmarks;
        // Its patches too: every answer frame aligns what it followed with them, so the followed points do not drift.
        _textureOrigin = _texture?.Patches;
        _shownAt = now;
        // The reaction window starts now: a pre-recorded answer could not know this moment in advance.
        Session.Challenges[Session.CurrentIndex] = challenge with { ShownAt = now, ExpiresAt = Min(now + o.ReactionWindow, Session.ExpiresAt) };
        await state.WriteStateAsync();
        return new FrameFeedback(challenge.Instruction.ToLowerInvariant(), null, Status());
    }

    /// <summary>
    /// A kind to replace <paramref name="kind"/> with when its baseline cannot settle: drawn at random from the pool's
    /// kinds this session has not issued (any other kind of the pool when it has issued them all), or null when the pool
    /// has no other kind.
    /// </summary>
    private ChallengeKind? ReplacementFor(ChallengeKind kind)
    {
        var pool = options.Value.AllowedKinds.Where(k => k != kind).ToList();
        var unused = pool.Where(k => Session.Challenges.All(c => c.Kind != k)).ToList();
        var from = unused.Count > 0 ? unused : pool;
        return from.Count == 0 ? null : from[RandomNumberGenerator.GetInt32(from.Count)];
    }

    /// <summary>
    /// Replaces the current challenge, whose baseline did not settle within <c>BaselineSettleTime</c>, by one of another
    /// kind with a fresh id, nonce and pause (once per challenge). Not a failure: nothing was shown or answered yet.
    /// </summary>
    private async Task<FrameFeedback> ReplaceAsync(VerificationChallenge unsettled, ChallengeKind kind, string notReady)
    {
        ResetChallengeFrames();
        _replaced = true;
        Session.Challenges[Session.CurrentIndex] = Issue(NewChallenge(kind, DateTimeOffset.MaxValue), time.GetUtcNow());
        await state.WriteStateAsync();
        await audit.AppendAsync(new AuditEvent(AuditEventType.VerificationChallengeReplaced, Session.UserId, AuditSource.Current,
            $"session {SessionId}: {unsettled.Kind} replaced by {kind}, its baseline did not settle in {options.Value.BaselineSettleTime.TotalSeconds:0.#} s ({notReady})"));
        return new FrameFeedback(notReady.ToLowerInvariant(), null, Status());
    }

    /// <summary>
    /// Keeps the frame's texture patches and where they are (the landmarks in the pause, the followed points in the
    /// answer) for the next frame; a frame without them (no face) leaves the last ones to search for.
    /// </summary>
    private void FollowTexture(FaceInferenceResult result)
    {
        if (result.Patches is { Points: { } points } patches)
        {
            _texture = (patches, points);
        }
        _pauseLandmarks = _shownAt is null ? result.Analysis?.Landmarks ?? _pauseLandmarks : _pauseLandmarks;
    }

    /// <summary>Why this frame cannot follow the previous one (cut, mirror flip, gap), or null; remembers it for the next.</summary>
    private string? ContinuityBreak(FaceObservation frame)
    {
        if (!frame.FaceFound)
        {
            return null;
        }
        var broken = _previous is null ? null : FrameContinuity.Break(_previous, frame, options.Value.Continuity);
        _previous = frame;
        return broken;
    }

    private void ResetChallengeFrames()
    {
        _current.Clear();
        _pause.Clear();
        _baseline = [];
        _shownAt = null;
        _texture = null;
        _pauseLandmarks = null;
        _textureReference = null;
        _textureOrigin = null;
    }

    /// <summary>The challenge as its owner may see it: during the pause, neither what it is nor its instruction.</summary>
    private VerificationChallenge AsShown(VerificationChallenge challenge) => _shownAt is not null
        ? challenge
        : challenge with { Kind = ChallengeKind.Hidden, Type = "wait", Instruction = WaitInstruction };
}
