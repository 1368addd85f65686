using System.Security.Cryptography;
using System.Text;
using SecureCall.Grains.Diagnostics;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Frame intake: the session's one frame stream, its per-session rate, the nonce check, and the analysis of each frame
/// on the inference workers of this silo (tracking from the last mesh; a face embedding on the first face, then every
/// <c>EmbeddingEveryFrames</c> frames; the spoof cues (antispoof, liveness and deepfake models, screen cues) likewise
/// every <c>AntiSpoofEveryFrames</c>; the emotion model
/// only for expression challenges). Callers send images only; measurements come from the models, here.
/// A frame is answered from its geometry; its spoof cues and embedding, which nothing reads before the decision but
/// the same-face check, are measured after it (<see cref="CueLane"/>) and joined to its evidence in frame order
/// (<see cref="VerificationSessionGrain.JoinCuesAsync"/>).
/// </summary>
public sealed partial class VerificationSessionGrain
{
    private static readonly string[] StartAmr = [SecureCall.Grains.Interfaces.Identity.ClaimNames.Signature];

    private FrameStreamGate? _gate;
    private float[]? _mesh;
    private int _framesSinceEmbedding = int.MaxValue;
    private int _framesSinceSpoofCues = int.MaxValue;
    private bool _rateAudited;

    private FrameStreamGate Gate => _gate ??= new FrameStreamGate(options.Value.FramesPerSecond, options.Value.FrameStreamIdleTimeout);

    public Task<string> OpenFrameStreamAsync(string userId)
    {
        EnsureOwner(userId);
        return Task.FromResult(Gate.Open(time.GetUtcNow()));
    }

    public Task CloseFrameStreamAsync(string userId, string streamId)
    {
        EnsureOwner(userId);
        Gate.Close(streamId);
        return Task.CompletedTask;
    }

    public async Task<FrameFeedback> SubmitFrameAsync(string userId, string streamId, VerificationFrame frame)
    {
        EnsureOwner(userId);
        ArgumentNullException.ThrowIfNull(frame);
        var now = time.GetUtcNow();
        Gate.EnsureOpen(streamId, now);
        if (!Gate.TryTakeFrame(now))
        {
            return await RateLimitedAsync();
        }
        if (await CloseIfOverAsync() is { } closed)
        {
            return closed;
        }
        var challenge = await CurrentChallengeAsync(frame.ChallengeId, frame.Nonce);
        // The session's own clock times the frame (frame intervals, the reaction window); the client's timestamp is only echoed.
        var received = now.ToUnixTimeMilliseconds();
        var (result, cues) = await AnalyzeAsync(frame, received, challenge);
        SecureCallMetrics.FramesAnalysed.Add(1, new KeyValuePair<string, object?>("outcome", result.Status.ToString()));
        if (result.Status is FaceInferenceStatus.BadFrame or FaceInferenceStatus.Busy)
        {
            return new FrameFeedback("frame not analysed", null, Status(), $"{result.Status}: {result.Problem}");
        }
        var pending = cues is null ? null : new PendingCues(cues);
        if (pending is not null)
        {
            _pendingCues.Add(pending);
        }
        var feedback = await JudgeAsync(challenge, result.Analysis is { } analysis ? analysis with { TimestampMs = received } : NoFace(received), pending);
        // The cues measured by now (this frame's too, when they were measured with it) join the evidence; a different face ends the session.
        return Session.State == VerificationState.Streaming && await JoinCuesAsync(wait: false) is { } ended ? ended : feedback;
    }

    /// <summary>The current challenge, when the frame carries its id and nonce; otherwise refused and audited.</summary>
    private async Task<VerificationChallenge> CurrentChallengeAsync(string? challengeId, string? nonce)
    {
        var challenge = Session.Challenges[Session.CurrentIndex];
        if (challengeId != challenge.ChallengeId
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce ?? ""), Encoding.UTF8.GetBytes(challenge.Nonce)))
        {
            var used = Session.Challenges.Take(Session.CurrentIndex).Any(c => c.ChallengeId == challengeId) ? "used" : "foreign";
            await audit.AppendAsync(new AuditEvent(AuditEventType.NonceMisuse, Session.UserId, AuditSource.Current, $"{used} challenge nonce in session {SessionId}"));
            throw new SecureCallException(FailureCode.ChallengeAlreadyUsed, "Frames must carry the current challenge's id and nonce.");
        }
        return challenge;
    }

    /// <summary>
    /// Runs the models on the frame, tracking from the previous mesh, asking for an embedding and the spoof cues when
    /// they are due and for the emotion model only while an expression challenge is current (its pause included: the
    /// baseline must be neutral).
    /// </summary>
    private async Task<AnalysedFrame> AnalyzeAsync(VerificationFrame frame, long receivedMs, VerificationChallenge challenge)
    {
        // Frames 0, N, 2N, … of a face get an embedding (N = EmbeddingEveryFrames; the counter holds frames without one since).
        var wantEmbedding = _framesSinceEmbedding >= options.Value.EmbeddingEveryFrames - 1;
        var wantSpoofCues = _framesSinceSpoofCues >= options.Value.AntiSpoofEveryFrames - 1;
        // Turns and nods follow the face's texture frame to frame, from the pause's last frame through the answer.
        var texture = ChallengeCatalog.NeedsParallax(challenge.Kind);
        var follow = texture && _shownAt is not null ? _texture : null;
        var analysed = await analyzer.AnalyzeDeferringCuesAsync(
            new FaceInferenceRequest(frame.Image, receivedMs, Track: _mesh is not null, wantEmbedding, _mesh,
                WantPatches: texture, ReferencePatches: follow?.Patches, ReferencePoints: follow?.Points,
                OriginPatches: follow is null ? null : _textureOrigin,
                WantExpression: ChallengeCatalog.IsExpression(challenge.Kind), WantSpoofCues: wantSpoofCues));
        var result = analysed.Result;
        if (result.Status is FaceInferenceStatus.BadFrame or FaceInferenceStatus.Busy)
        {
            return analysed;
        }
        _mesh = result.Mesh;
        FollowTexture(result);
        // A face found gets what was asked for, later: the counters restart now, not when the values arrive.
        var found = result.Status == FaceInferenceStatus.Face;
        _framesSinceEmbedding = Counted(_framesSinceEmbedding, found && wantEmbedding);
        _framesSinceSpoofCues = Counted(_framesSinceSpoofCues, found && wantSpoofCues);
        return analysed;
    }

    /// <summary>Frames since a model last ran: 0 when it ran on this one, else one more (from "never" it stays "never").</summary>
    private static int Counted(int since, bool ranNow) => ranNow ? 0 : since < int.MaxValue ? since + 1 : since;

    /// <summary>A frame over the session's rate: not analysed; the first one of a session is audited.</summary>
    private async Task<FrameFeedback> RateLimitedAsync()
    {
        if (!_rateAudited)
        {
            _rateAudited = true;
            await audit.AppendAsync(new AuditEvent(AuditEventType.RateLimited, Session.UserId, AuditSource.Current, $"frames per second, session {SessionId}"));
        }
        return new FrameFeedback("frame not analysed", null, Status(),
            $"{FailureCode.RateLimited}: at most {options.Value.FramesPerSecond} frames per second per session; extra frames are dropped.");
    }

    private static FaceObservation NoFace(long timestamp) =>
        new(timestamp, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, [0, 0, 0, 0, 0, 0, 1], 0, 0, null);
}
