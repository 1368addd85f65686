using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Scores a whole session: liveness from 3-D depth, micro-movement and how well the challenges were answered;
/// expression from the expression challenges; anti-spoof from the anti-spoof and liveness models (and the operator's
/// deepfake model when one is configured). When the session
/// had no expression challenge its weight is spread over the others rather than counted as zero or as free.
/// </summary>
public static class VerificationScorer
{
    public static VerificationScore Score(
        IReadOnlyList<FaceObservation> frames,
        IReadOnlyList<(ChallengeKind Kind, ChallengeJudgement Judgement)> challenges,
        ScoringWeights weights)
    {
        var faces = frames.Where(f => f.FaceFound).ToList();
        if (faces.Count == 0 || challenges.Count == 0)
        {
            return new VerificationScore(0, null, 0, 0, false);
        }

        var depth = Clamp01((Median(faces.Select(f => f.DepthSpread)) - weights.FlatDepthSpread) / (weights.RealDepthSpread - weights.FlatDepthSpread));
        var natural = faces.Skip(1).Count(f => f.Motion >= weights.MinMotion && f.Motion <= weights.MaxMotion) / (float)Math.Max(1, faces.Count - 1);
        var responsiveness = challenges.Sum(c => c.Judgement.Outcome == ChallengeOutcome.Passed ? Math.Max(0.5f, c.Judgement.Strength) : 0) / challenges.Count;
        var liveness = 0.35f * depth + 0.20f * natural + 0.45f * responsiveness;

        var expressions = challenges.Where(c => ChallengeCatalog.IsExpression(c.Kind)).ToList();
        float? expression = expressions.Count == 0
            ? null
            : expressions.Sum(c => c.Judgement.Outcome == ChallengeOutcome.Passed ? c.Judgement.Strength : 0) / expressions.Count;

        // The operator's deepfake detector, when configured, is a third equal voice.
        var deepfake = faces.Where(f => f.DeepfakeReal is not null).Select(f => f.DeepfakeReal!.Value).ToList();
        var antiSpoof = deepfake.Count == 0
            ? 0.5f * SpoofGate.AntiSpoofMean(faces) + 0.5f * SpoofGate.LivenessMean(faces)
            : (SpoofGate.AntiSpoofMean(faces) + SpoofGate.LivenessMean(faces) + deepfake.Average()) / 3;

        var weightSum = weights.Liveness + weights.AntiSpoof + (expression is null ? 0 : weights.Expression);
        var total = (weights.Liveness * liveness + weights.AntiSpoof * antiSpoof + weights.Expression * (expression ?? 0)) / weightSum;
        return new VerificationScore(liveness, expression, antiSpoof, total, total >= weights.PassThreshold);
    }

    private static float Median(IEnumerable<float> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static float Clamp01(float value) => float.IsNaN(value) ? 0 : Math.Clamp(value, 0, 1);
}
