using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Tests.Verification;

public sealed class VerificationScorerTests
{
    private static readonly ScoringWeights Weights = new();

    [Fact]
    public void Score_LiveFaceAnsweringEveryChallenge_Passes()
    {
        var kinds = new[] { ChallengeKind.Blink, ChallengeKind.TurnHeadLeft, ChallengeKind.Smile };
        var (frames, judged) = Perform(kinds, f => f);

        var score = VerificationScorer.Score(frames, judged, Weights);

        Assert.True(score.Passed, $"total {score.Total}");
        Assert.NotNull(score.Expression);
    }

    [Fact]
    public void Score_FlatFrozenPhoto_FailsEvenIfChallengesWereForced()
    {
        // A printed photo: no depth, no micro-movement, anti-spoof models unconvinced.
        var kinds = new[] { ChallengeKind.TurnHeadLeft, ChallengeKind.TurnHeadRight, ChallengeKind.Nod };
        var (frames, judged) = Perform(kinds, f => f with { DepthSpread = 0.01f, Motion = 0, AntiSpoofReal = 0.2f, LivenessLive = 0.3f });

        var score = VerificationScorer.Score(frames, judged, Weights);

        Assert.False(score.Passed, $"total {score.Total}");
    }

    [Fact]
    public void Score_NoChallengeAnswered_Fails()
    {
        var sequence = new FaceSequence().Resting(60);
        var frames = sequence.Frames;
        var judged = new[] { ChallengeKind.Blink, ChallengeKind.LookUp, ChallengeKind.Smile }
            .Select(k => (k, ChallengeDetector.Judge(k, sequence.Challenge(), new DetectorThresholds()))).ToList();

        Assert.False(VerificationScorer.Score(frames, judged, Weights).Passed);
    }

    [Fact]
    public void Score_GesturesOnly_SpreadsExpressionWeightInsteadOfCountingItZero()
    {
        var kinds = new[] { ChallengeKind.TurnHeadLeft, ChallengeKind.TurnHeadRight, ChallengeKind.Blink };
        var (frames, judged) = Perform(kinds, f => f);

        var score = VerificationScorer.Score(frames, judged, Weights);

        Assert.Null(score.Expression);
        Assert.True(score.Passed, $"total {score.Total}");
    }

    [Fact]
    public void Score_OperatorDeepfakeModel_IsAThirdVoiceInAntiSpoof()
    {
        var kinds = new[] { ChallengeKind.TurnHeadLeft, ChallengeKind.Blink };
        var (frames, judged) = Perform(kinds, f => f);
        var (flagged, _) = Perform(kinds, f => f with { DeepfakeReal = 0f });

        var without = VerificationScorer.Score(frames, judged, Weights);
        var withDeepfake = VerificationScorer.Score(flagged, judged, Weights);

        Assert.Equal(0.5f * 0.95f + 0.5f * 0.95f, without.AntiSpoof, 4);
        Assert.Equal((0.95f + 0.95f + 0f) / 3, withDeepfake.AntiSpoof, 4);
        Assert.True(withDeepfake.Total < without.Total);
    }

    [Fact]
    public void Score_Components_AreWeightedAsConfigured()
    {
        var kinds = new[] { ChallengeKind.Smile };
        var (frames, judged) = Perform(kinds, f => f);

        var score = VerificationScorer.Score(frames, judged, Weights);

        Assert.Equal(0.50f * score.Liveness + 0.25f * score.Expression!.Value + 0.25f * score.AntiSpoof, score.Total, 4);
    }

    private static (IReadOnlyList<FaceObservation> Frames, List<(ChallengeKind, ChallengeJudgement)> Judged) Perform(
        ChallengeKind[] kinds, Func<FaceObservation, FaceObservation> condition)
    {
        var all = new List<FaceObservation>();
        var judged = new List<(ChallengeKind, ChallengeJudgement)>();
        foreach (var kind in kinds)
        {
            var frames = new FaceSequence().Resting(6).Move(f => ChallengeDetectorTests.Perform(kind, f)).Resting(3).Frames.Select(condition).ToList();
            judged.Add((kind, ChallengeDetector.Judge(kind, new ChallengeFrames(frames[..4], frames[4..]), new DetectorThresholds())));
            all.AddRange(frames);
        }
        return (all, judged);
    }
}
