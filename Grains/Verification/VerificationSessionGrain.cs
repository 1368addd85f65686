using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCall.FaceAnalysis;
using SecureCall.Grains.Identity;
using SecureCall.Grains.Diagnostics;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Storage;
using SecureCall.Options;
using SecureCall.Security;
using SecureCall.Security.Audit;
using SecureCall.Security.Templates;
using SecureCall.Security.Tokens;

namespace SecureCall.Grains.Verification;

/// <summary>
/// One proof-of-life session. Challenges and outcomes are persisted; the evidence (per-frame measurements and face
/// embeddings) lives only in this activation's memory. If the activation is lost mid-session the evidence is gone,
/// so the session fails closed instead of ever passing on evidence it no longer has.
/// Who is in front of the camera is checked all along: every embedding must match the session's first one, and
/// when the user has an enrolled face the session's face must match it before any token is issued.
/// </summary>
public sealed partial class VerificationSessionGrain(
    [PersistentState("session", StorageNames.Sessions)] IPersistentState<VerificationSessionRecord> state,
    IAuditLog audit,
    TokenIssuer tokens,
    TokenValidator tokenValidator,
    TemplateProtector templates,
    IOptions<VerificationOptions> options,
    SecurityClock time,
    IFaceFrameAnalyzer analyzer,
    ILogger<VerificationSessionGrain> logger) : Grain, IVerificationSessionGrain
{
    private readonly List<FaceObservation> _current = [];
    private readonly List<FaceObservation> _pause = [];
    private readonly List<FaceObservation> _evidence = [];
    private readonly List<(ChallengeKind Kind, ChallengeJudgement Judgement)> _judged = [];
    private readonly List<float[]> _faces = [];
    private int _strangerEmbeddings;
    private string? _token;
    private bool _evidenceLost;

    private string SessionId => this.GetPrimaryKeyString();
    private SessionDecision Decision => new(options.Value.RetriesPerChallenge, options.Value.Scoring.PassThreshold);
    private VerificationSessionRecord Session => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _evidenceLost = state.RecordExists && Session.State is VerificationState.Created or VerificationState.Streaming;
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        DiscardPendingCues();
        return Task.CompletedTask;
    }

    public async Task<VerificationStatus> StartAsync(string userId, IdentityProof proof, bool enrollFace = false)
    {
        UserIds.EnsureValid(userId);
        // The session's token will say amr sig: only a caller holding this user's signature-login token may start one.
        await IdentityProofCheck.RequireAsync(tokenValidator, proof, userId, StartAmr, "Starting a verification session");
        if (state.RecordExists)
        {
            throw new SecureCallException(FailureCode.SessionClosed, "This session id was already used.");
        }
        var o = options.Value;
        var now = time.GetUtcNow();
        // With a face enrolled the session is a face unlock: the match against the template is required, so 1-2
        // challenges prove the face live; without one, the full 3-5 (docs/verification.md, "Face unlock").
        var faceUnlock = await GrainFactory.GetGrain<IUserGrain>(userId).HasFaceAsync();
        var count = faceUnlock
            ? RandomNumberGenerator.GetInt32(o.FaceUnlockMinChallenges, o.FaceUnlockMaxChallenges + 1)
            : RandomNumberGenerator.GetInt32(o.MinChallenges, o.MaxChallenges + 1);
        var kinds = o.AllowedKinds.ToArray();
        RandomNumberGenerator.Shuffle(kinds.AsSpan());
        state.State = new VerificationSessionRecord
        {
            UserId = userId,
            State = VerificationState.Streaming,
            CreatedAt = now,
            ExpiresAt = now + o.SessionLifetime,
            Challenges = kinds.Take(Math.Min(count, kinds.Length)).Select(kind => NewChallenge(kind, DateTimeOffset.MaxValue)).ToList(),
            Reason = "in progress",
            EnrollFace = enrollFace,
            FaceUnlock = faceUnlock,
        };
        Session.Challenges[0] = Issue(Session.Challenges[0], now);
        _evidenceLost = false;
        await state.WriteStateAsync();
        await audit.AppendAsync(new AuditEvent(AuditEventType.VerificationStarted, userId, AuditSource.Current,
            $"session {SessionId}{(faceUnlock ? " (face unlock)" : "")}: {string.Join(',', Session.Challenges.Select(c => c.Kind))}"));
        return Status();
    }

    /// <summary>
    /// Judges one analysed frame (from <see cref="SubmitFrameAsync"/>) for the current challenge: first its continuity
    /// with the frame before, then, during the pause before the instruction, as a baseline frame, afterwards as an answer.
    /// <paramref name="pending"/> learns where the frame's evidence is, for its cues to join it.
    /// </summary>
    private async Task<FrameFeedback> JudgeAsync(VerificationChallenge challenge, FaceObservation analysis, PendingCues? pending)
    {
        if (_current.Count + _pause.Count >= options.Value.MaxFramesPerChallenge)
        {
            return await FailChallengeAsync(challenge, "too many frames without completing the challenge");
        }

        // Embeddings come with the deferred cues and are kept once, in _faces; the per-frame evidence only needs the measures.
        var measures = analysis with { Embedding = null };
        if (ContinuityBreak(measures) is { } broken)
        {
            if (_shownAt is not null)
            {
                return await FailChallengeAsync(challenge, $"the frames were not one continuous movement: {broken}");
            }
            // Before the instruction nothing is being answered yet: the baseline starts again.
            _pause.Clear();
        }
        pending?.EvidenceIndex = _evidence.Count;
        _evidence.Add(measures with { Landmarks = null });
        if (_shownAt is null)
        {
            return await PauseAsync(challenge, measures);
        }
        _current.Add(measures);
        var o = options.Value;
        var frames = new ChallengeFrames(_baseline, _current, (_shownAt.Value + o.MinReactionTime).ToUnixTimeMilliseconds(), _textureReference);
        var judgement = ChallengeDetector.Judge(challenge.Kind, frames, o.Thresholds);
        return judgement.Outcome switch
        {
            ChallengeOutcome.Passed => await PassChallengeAsync(challenge, judgement),
            ChallengeOutcome.Failed => await FailChallengeAsync(challenge, judgement.Feedback),
            _ => new FrameFeedback(analysis.FaceFound ? judgement.Feedback : "no face found: face the camera", null, Status()),
        };
    }

    public async Task<VerificationStatus> GetAsync(string userId)
    {
        EnsureOwner(userId);
        await CloseIfOverAsync();
        return Status();
    }

    public async Task<VerificationStatus> CancelAsync(string userId)
    {
        EnsureOwner(userId);
        if (Session.State is VerificationState.Created or VerificationState.Streaming)
        {
            await FinishAsync(VerificationState.Terminated, CancelledReason, null);
        }
        return Status();
    }

    /// <summary>The reason of a session its owner cancelled.</summary>
    public const string CancelledReason = "cancelled: you stopped the session";

    /// <summary>
    /// Fails the session when later faces are not the face it started with; otherwise keeps the embedding. One odd
    /// embedding (eyes shut, mouth wide open, a hard turn) is forgiven and not kept; a second in a row is a new face.
    /// </summary>
    private async Task<FrameFeedback?> CheckSameFaceAsync(IReadOnlyList<float> embedding)
    {
        if (embedding.Count != FaceTemplate.Dimensions || embedding.Any(v => !float.IsFinite(v)))
        {
            throw new SecureCallException(FailureCode.InvalidInput, $"A face embedding has {FaceTemplate.Dimensions} finite values.");
        }
        var face = embedding.ToArray();
        if (_faces.Count > 0)
        {
            var similarity = EmbeddingSimilarity.Compute(_faces[0], face);
            if (similarity < options.Value.SameFaceThreshold)
            {
                if (++_strangerEmbeddings >= 2)
                {
                    return await FinishAsync(VerificationState.Failed, "a different face appeared during the session", null,
                        $"similarity {similarity:0.000} to the first face, below {options.Value.SameFaceThreshold:0.00}, twice in a row");
                }
                return null;
            }
            _strangerEmbeddings = 0;
        }
        if (_faces.Count < options.Value.MaxEmbeddings)
        {
            _faces.Add(face);
        }
        return null;
    }

    private async Task<FrameFeedback> PassChallengeAsync(VerificationChallenge challenge, ChallengeJudgement judgement)
    {
        _judged.Add((challenge.Kind, judgement));
        Session.Outcomes.Add("passed");
        Session.ConsecutiveFailures = 0;
        Session.LastMiss = null;
        await audit.AppendAsync(new AuditEvent(AuditEventType.VerificationChallengePassed, Session.UserId, AuditSource.Current,
            $"session {SessionId}: {challenge.Kind}, strength {judgement.Strength:0.00}{(judgement.Parallax is { } p ? $", parallax {p:0.0000}" : "")}"));
        return await AdvanceAsync("passed");
    }

    private async Task<FrameFeedback> FailChallengeAsync(VerificationChallenge challenge, string reason)
    {
        _judged.Add((challenge.Kind, ChallengeJudgement.Failed(reason)));
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Session {Session}: {Kind} failed ({Reason}); {Trace}", SessionId, challenge.Kind, reason,
                ChallengeTrace.Describe(_baseline.Count > 0 ? _baseline : _pause, _current, (_shownAt ?? time.GetUtcNow()).ToUnixTimeMilliseconds()));
        }
        Session.Outcomes.Add("failed");
        Session.ConsecutiveFailures++;
        Session.LastMiss = new ChallengeMiss(challenge.Kind, ChallengeMissClassifier.Classify(challenge.Kind, _baseline, _current,
            timedOut: reason == TimeLimitPassed, options.Value.Thresholds));
        await audit.AppendAsync(new AuditEvent(AuditEventType.VerificationChallengeFailed, Session.UserId, AuditSource.Current,
            $"session {SessionId}: {challenge.Kind}, {reason}"));
        // ConsecutiveFailures counts the failed attempts at the current challenge: a pass resets it, a failure with no
        // retry left ends the session.
        if (Decision.AfterFailedAttempt(challenge.Kind, Session.ConsecutiveFailures) is { } ended)
        {
            return await FinishAsync(VerificationState.Failed, ended.Reason, "failed", reason);
        }
        return await RetryAsync(challenge);
    }

    private const string TimeLimitPassed = "time limit passed";

    /// <summary>The challenge result of a failed attempt that is re-issued; the session goes on (a last failure ends it instead).</summary>
    public const string RetryResult = "retry";

    private const string RetryFeedback = "let's try that again: hold still for the instruction";

    /// <summary>Re-issues a failed challenge with a fresh id, nonce and time limit.</summary>
    private async Task<FrameFeedback> RetryAsync(VerificationChallenge failed)
    {
        ResetChallengeFrames();
        var again = Issue(NewChallenge(failed.Kind, DateTimeOffset.MaxValue), time.GetUtcNow());
        Session.Challenges[Session.CurrentIndex] = again;
        await state.WriteStateAsync();
        return new FrameFeedback(RetryFeedback, RetryResult, Status());
    }

    /// <summary>Moves to the next challenge, or decides the session when none is left.</summary>
    private async Task<FrameFeedback> AdvanceAsync(string result)
    {
        ResetChallengeFrames();
        _replaced = false;
        Session.CurrentIndex++;
        if (Session.CurrentIndex >= Session.Challenges.Count)
        {
            return await DecideAsync(result);
        }
        var next = Session.Challenges[Session.CurrentIndex];
        Session.Challenges[Session.CurrentIndex] = Issue(next, time.GetUtcNow());
        await state.WriteStateAsync();
        return new FrameFeedback($"challenge {result}: next, hold still for the next instruction", result, Status());
    }

    private async Task<FrameFeedback> DecideAsync(string lastResult)
    {
        // Every frame's cues and embedding count: the ones not measured yet are measured now.
        if (await JoinCuesAsync(wait: true) is { } changed)
        {
            return changed;
        }
        var o = options.Value;
        var score = VerificationScorer.Score(_evidence, _judged, o.Scoring);
        Session.Score = Math.Round(score.Total, 4);
        var scores = $"liveness {score.Liveness:0.00}, expression {score.Expression?.ToString("0.00") ?? "n/a"}, anti-spoof {score.AntiSpoof:0.00}";
        var tooFewFaces = _faces.Count < o.MinEmbeddings
            ? $"the face was seen clearly in too few frames to tell who it is ({_faces.Count} of {o.MinEmbeddings} needed)"
            : null;
        var spoof = SpoofGate.Failed(_evidence, o.Spoof);
        var verdict = Decision.Decide(Session.Challenges.Select(c => c.Kind).ToList(), _judged, score, tooFewFaces ?? spoof?.Reason);
        if (!verdict.Passed)
        {
            return await FinishAsync(VerificationState.Failed, verdict.Reason, lastResult, spoof?.Evidence);
        }
        // The last gate: a mismatch with the enrolled face fails the session whatever the liveness score.
        var user = GrainFactory.GetGrain<IUserGrain>(Session.UserId);
        var sessionFace = FaceTemplate.Robust(_faces);
        // Sealed with the silo's template key: the user grain takes no template a caller could have made up.
        var sealedFace = templates.Seal(Session.UserId, sessionFace);
        Array.Clear(sessionFace);
        var match = await user.MatchSealedFaceAsync(sealedFace);
        if (match is null && Session.FaceUnlock)
        {
            // Its few challenges were drawn for a face unlock; without a template to match they prove too little.
            return await FinishAsync(VerificationState.Failed, "the enrolled face is gone: start a new session", lastResult);
        }
        if (match is { Match: false })
        {
            // The similarity goes to the audit log only: telling the client would help an impostor tune its input.
            return await FinishAsync(VerificationState.Failed, "the face does not match the enrolled face", lastResult,
                $"similarity {match.Similarity:0.000}, needs {match.Threshold:0.00}");
        }
        string[] amr = match is null ? [ClaimNames.Signature, ClaimNames.Liveness] : [ClaimNames.Signature, ClaimNames.Liveness, ClaimNames.Face];
        var claims = new Dictionary<string, object> { [ClaimNames.SessionId] = SessionId, [ClaimNames.Score] = Session.Score.Value };
        if (match?.TemplateId is { } templateId)
        {
            // Binds "face" to the template it matched: only a face unlock against the current one may replace it.
            claims[ClaimNames.FaceTemplate] = templateId;
        }
        var issued = tokens.Issue(Session.UserId, amr, claims);
        var enrolled = false;
        if (match is null && Session.EnrollFace)
        {
            // Enrolling is not matching: this token still carries no "face"; the next session's will. The token is the proof.
            enrolled = await user.EnrollSessionFaceAsync(new IdentityProof(issued.Token), sealedFace);
        }
        // The assurance stays bound to the device key for the token's lifetime: a reload redeems it with a signature.
        await user.RecordLivenessGrantAsync(new IdentityProof(issued.Token));
        _token = issued.Token;
        Session.TokenId = issued.Jti;
        return await FinishAsync(VerificationState.Passed,
            $"score {score.Total:0.00} ({scores}); {(match is not null ? "the face matches the enrolled face" : enrolled ? "face enrolled" : "no enrolled face to match")}", lastResult,
            match is null ? null : $"similarity {match.Similarity:0.000}");
    }

    /// <summary>Decides the session; <paramref name="evidence"/> is for the audit log only, never the client.</summary>
    private async Task<FrameFeedback> FinishAsync(VerificationState final, string reason, string? result, string? evidence = null)
    {
        Session.State = final;
        Session.Reason = reason;
        SecureCallMetrics.Verifications.Add(1, new KeyValuePair<string, object?>("outcome", final.ToString()));
        ResetChallengeFrames();
        DiscardPendingCues();
        _evidence.Clear();
        _faces.Clear();
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IUserLimitsGrain>(Session.UserId).EndVerificationAsync(SessionId);
        await audit.AppendAsync(new AuditEvent(final == VerificationState.Passed ? AuditEventType.VerificationPassed : AuditEventType.VerificationFailed,
            Session.UserId, AuditSource.Current, $"session {SessionId}: {final}, {reason}{(evidence is null ? "" : $" [{evidence}]")}"));
        return new FrameFeedback(final == VerificationState.Passed ? "verified" : reason, result, Status());
    }

    /// <summary>Ends the session if it is over (deadline, lost evidence) or fails the current challenge if its time is up.</summary>
    private async Task<FrameFeedback?> CloseIfOverAsync()
    {
        if (Session.State is not (VerificationState.Created or VerificationState.Streaming))
        {
            return new FrameFeedback(Session.Reason, null, Status());
        }
        if (_evidenceLost)
        {
            _evidenceLost = false;
            return await FinishAsync(VerificationState.Terminated, "the session was interrupted by a server failure; start a new one", null);
        }
        var now = time.GetUtcNow();
        if (now > Session.ExpiresAt)
        {
            return await FinishAsync(VerificationState.Expired, "the session's 2-minute limit passed", null);
        }
        var challenge = Session.Challenges[Session.CurrentIndex];
        if (now > challenge.ExpiresAt)
        {
            // The frame belonged to the challenge that just ran out; the answer names the next one.
            return await FailChallengeAsync(challenge, TimeLimitPassed);
        }
        return null;
    }

    private void EnsureOwner(string userId)
    {
        if (!state.RecordExists)
        {
            throw new SecureCallException(FailureCode.SessionNotFound, "No such verification session.");
        }
        if (!string.Equals(userId, Session.UserId, StringComparison.Ordinal))
        {
            throw new SecureCallException(FailureCode.SessionNotFound, "No such verification session.");
        }
    }

    private VerificationStatus Status() => new(
        SessionId, Session.UserId, Session.State,
        Session.State == VerificationState.Streaming && Session.CurrentIndex < Session.Challenges.Count ? AsShown(Session.Challenges[Session.CurrentIndex]) : null,
        Session.Outcomes.Count(o => o == "passed"), Session.Challenges.Count, Session.ConsecutiveFailures,
        Session.Score, Session.Reason, _token, Session.ExpiresAt, Session.LastMiss);

    private static VerificationChallenge NewChallenge(ChallengeKind kind, DateTimeOffset expiresAt) => new(
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12)), kind, ChallengeCatalog.TypeOf(kind), ChallengeCatalog.InstructionFor(kind),
        // Shown when the session schedules it (after a random pause); until then it is shown at its expiry, i.e. not yet.
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)), expiresAt, ShownAt: expiresAt);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
