using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Verification;

/// <summary>
/// The rule that decides a proof-of-life session: it passes only when <b>every</b> issued challenge was met, the score
/// reaches the pass threshold, and no gate failed. A failed challenge may be re-issued (with a fresh nonce)
/// <see cref="RetriesPerChallenge"/> times; a failure with no retry left ends the session at once. Pure: the session
/// grain feeds it outcomes, the unit tests feed it constructed ones.
/// </summary>
/// <param name="retriesPerChallenge">How many times a failed challenge is re-issued (0 or 1).</param>
/// <param name="passThreshold">Lowest session score that passes.</param>
public sealed class SessionDecision(int retriesPerChallenge, double passThreshold)
{
    /// <summary>How many times a failed challenge is re-issued before its failure ends the session.</summary>
    public int RetriesPerChallenge { get; } = retriesPerChallenge >= 0
        ? retriesPerChallenge
        : throw new ArgumentOutOfRangeException(nameof(retriesPerChallenge), "Retries cannot be negative.");

    /// <summary>Lowest session score that passes.</summary>
    public double PassThreshold { get; } = passThreshold;

    /// <summary>
    /// After an attempt at <paramref name="kind"/> failed (<paramref name="failedAttempts"/> failed attempts at it so
    /// far, this one included): null when it is re-issued, otherwise the failed verdict that ends the session.
    /// </summary>
    public SessionVerdict? AfterFailedAttempt(ChallengeKind kind, int failedAttempts) =>
        failedAttempts <= RetriesPerChallenge ? null : SessionVerdict.Fail(NotMet(kind));

    /// <summary>
    /// The session's verdict, checked in order: every issued challenge met (by any of its attempts), the score at or
    /// above the threshold, then the first failed gate (<paramref name="failedGate"/>, null when every gate held).
    /// </summary>
    /// <param name="issued">The challenges the session issued, one per kind (a re-issue keeps its kind).</param>
    /// <param name="attempts">Every judged attempt, in order, retries included.</param>
    /// <param name="score">The session's score.</param>
    /// <param name="failedGate">Why a gate failed, or null.</param>
    public SessionVerdict Decide(
        IReadOnlyList<ChallengeKind> issued,
        IReadOnlyList<(ChallengeKind Kind, ChallengeJudgement Judgement)> attempts,
        VerificationScore score,
        string? failedGate = null)
    {
        if (issued.Count == 0)
        {
            return SessionVerdict.Fail("no challenge was issued");
        }
        foreach (var kind in issued)
        {
            if (!attempts.Any(a => a.Kind == kind && a.Judgement.Outcome == ChallengeOutcome.Passed))
            {
                return SessionVerdict.Fail(NotMet(kind));
            }
        }
        if (!(score.Total >= PassThreshold))
        {
            return SessionVerdict.Fail($"score {score.Total:0.00} below {PassThreshold:0.00} (liveness {score.Liveness:0.00}, "
                + $"expression {score.Expression?.ToString("0.00") ?? "n/a"}, anti-spoof {score.AntiSpoof:0.00})");
        }
        return failedGate is null ? SessionVerdict.Pass : SessionVerdict.Fail(failedGate);
    }

    private static string NotMet(ChallengeKind kind) =>
        $"challenge '{ChallengeCatalog.InstructionFor(kind).ToLowerInvariant()}' was not met";
}
