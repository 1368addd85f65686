using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Verification;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>The session decision rule on constructed outcomes: every challenge met, the score, the gates.</summary>
public sealed class SessionDecisionTests
{
    private const double Threshold = 0.70;
    private static readonly ChallengeKind[] Issued = [ChallengeKind.Blink, ChallengeKind.TurnHeadLeft, ChallengeKind.Smile];
    private static readonly VerificationScore GoodScore = new(0.9f, 0.8f, 0.85f, 0.86f, true);

    [Fact]
    public void Decide_EveryChallengeMetAndScoreAboveThreshold_Passes()
    {
        var verdict = new SessionDecision(0, Threshold).Decide(Issued, [Met(ChallengeKind.Blink), Met(ChallengeKind.TurnHeadLeft), Met(ChallengeKind.Smile)], GoodScore);

        Assert.True(verdict.Passed, verdict.Reason);
    }

    [Fact]
    public void AfterFailedAttempt_NoRetryAllowed_EndsTheSessionNamingTheChallenge()
    {
        var ended = new SessionDecision(0, Threshold).AfterFailedAttempt(ChallengeKind.TurnHeadLeft, failedAttempts: 1);

        Assert.NotNull(ended);
        Assert.False(ended.Passed);
        Assert.Equal("challenge 'turn your head to your left, then back' was not met", ended.Reason);
    }

    [Fact]
    public void Decide_OneChallengeFailedAndNeverMet_FailsWhateverTheScore()
    {
        var verdict = new SessionDecision(0, Threshold).Decide(Issued, [Met(ChallengeKind.Blink), Failed(ChallengeKind.TurnHeadLeft), Met(ChallengeKind.Smile)], GoodScore);

        Assert.False(verdict.Passed);
        Assert.Equal("challenge 'turn your head to your left, then back' was not met", verdict.Reason);
    }

    [Fact]
    public void Decide_ChallengeNeverAttempted_Fails()
    {
        var verdict = new SessionDecision(0, Threshold).Decide(Issued, [Met(ChallengeKind.Blink), Met(ChallengeKind.TurnHeadLeft)], GoodScore);

        Assert.False(verdict.Passed);
        Assert.Contains("'smile' was not met", verdict.Reason);
    }

    [Fact]
    public void OneRetry_FirstFailureIsReissued_SecondEndsTheSession()
    {
        var decision = new SessionDecision(1, Threshold);

        Assert.Null(decision.AfterFailedAttempt(ChallengeKind.Smile, failedAttempts: 1));
        Assert.Equal("challenge 'smile' was not met", decision.AfterFailedAttempt(ChallengeKind.Smile, failedAttempts: 2)?.Reason);
    }

    [Fact]
    public void Decide_ChallengeFailedOnceThenMetOnItsRetry_Passes()
    {
        var decision = new SessionDecision(1, Threshold);

        var verdict = decision.Decide(Issued,
            [Met(ChallengeKind.Blink), Failed(ChallengeKind.TurnHeadLeft), Met(ChallengeKind.TurnHeadLeft), Met(ChallengeKind.Smile)], GoodScore);

        Assert.True(verdict.Passed, verdict.Reason);
    }

    [Fact]
    public void Decide_EveryChallengeMetButScoreBelowThreshold_Fails()
    {
        var low = new VerificationScore(0.5f, 0.6f, 0.4f, 0.52f, false);

        var verdict = new SessionDecision(0, Threshold).Decide(Issued, [Met(ChallengeKind.Blink), Met(ChallengeKind.TurnHeadLeft), Met(ChallengeKind.Smile)], low);

        Assert.False(verdict.Passed);
        Assert.StartsWith("score 0.52 below 0.70", verdict.Reason);
    }

    [Fact]
    public void Decide_EveryChallengeMetAndScoreAboveThresholdButAGateFailed_FailsWithTheGatesReason()
    {
        var verdict = new SessionDecision(0, Threshold).Decide(Issued,
            [Met(ChallengeKind.Blink), Met(ChallengeKind.TurnHeadLeft), Met(ChallengeKind.Smile)], GoodScore, failedGate: "the face was seen clearly in too few frames");

        Assert.False(verdict.Passed);
        Assert.Equal("the face was seen clearly in too few frames", verdict.Reason);
    }

    [Fact]
    public void Decide_NoChallengeIssued_Fails()
    {
        Assert.False(new SessionDecision(0, Threshold).Decide([], [], GoodScore).Passed);
    }

    private static (ChallengeKind, ChallengeJudgement) Met(ChallengeKind kind) => (kind, ChallengeJudgement.Passed(0.9f));

    private static (ChallengeKind, ChallengeJudgement) Failed(ChallengeKind kind) => (kind, ChallengeJudgement.Failed("time limit passed"));
}
