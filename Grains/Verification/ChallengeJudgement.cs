namespace SecureCall.Grains.Verification;

/// <summary>
/// The verdict on a challenge so far: passed (with a strength 0–1), still pending (with a hint), or failed. A passed
/// turn or nod carries its parallax residual (face widths) for the audit log.
/// </summary>
public sealed record ChallengeJudgement(ChallengeOutcome Outcome, float Strength, string Feedback, float? Parallax = null)
{
    public static ChallengeJudgement Passed(float strength) => new(ChallengeOutcome.Passed, strength, "done");

    public static ChallengeJudgement Pending(string feedback) => new(ChallengeOutcome.Pending, 0, feedback);

    public static ChallengeJudgement Failed(string reason) => new(ChallengeOutcome.Failed, 0, reason);
}

/// <summary>Where a challenge stands.</summary>
public enum ChallengeOutcome
{
    Pending,
    Passed,
    Failed,
}
