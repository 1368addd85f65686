using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Judges one challenge from a frame sequence. Every detector needs the movement to start from the person's
/// resting baseline, hold for several consecutive frames, and (for gestures) come back: no single frame, however
/// extreme, can pass a challenge.
/// </summary>
public static class ChallengeDetector
{
    /// <summary>Consecutive frames that must show the movement.</summary>
    public const int MinimumHeldFrames = 3;

    public static ChallengeJudgement Judge(ChallengeKind kind, IReadOnlyList<FaceObservation> frames, DetectorThresholds thresholds)
    {
        var faces = frames.Where(f => f.FaceFound).ToList();
        if (faces.Count < MinimumHeldFrames + 2)
        {
            return ChallengeJudgement.Pending("keep your face in view");
        }
        var baseline = Baseline.Of(faces.Take(Math.Min(5, faces.Count / 3 + 1)).ToList());
        return kind switch
        {
            ChallengeKind.Blink => GestureAndBack(faces, f => baseline.EyeAspect - f.EyeAspect, thresholds.BlinkDrop, "blink"),
            ChallengeKind.TurnHeadLeft => GestureAndBack(faces, f => f.Yaw - baseline.Yaw, thresholds.TurnDegrees, "turn your head to your left"),
            ChallengeKind.TurnHeadRight => GestureAndBack(faces, f => baseline.Yaw - f.Yaw, thresholds.TurnDegrees, "turn your head to your right"),
            ChallengeKind.LookUp => GestureAndBack(faces, f => f.Pitch - baseline.Pitch, thresholds.PitchDegrees, "look up"),
            ChallengeKind.Nod => GestureAndBack(faces, f => baseline.Pitch - f.Pitch, thresholds.PitchDegrees, "nod"),
            ChallengeKind.OpenMouth => GestureAndBack(faces, f => f.MouthOpening - baseline.MouthOpening, thresholds.MouthOpening, "open your mouth"),
            ChallengeKind.RaiseEyebrows => GestureAndBack(faces, f => f.BrowRaise - baseline.BrowRaise, thresholds.BrowRaise, "raise your eyebrows"),
            ChallengeKind.Smile => Expression(faces, f => f.Emotions[FaceObservation.Happy], f => f.SmileWidth - baseline.SmileWidth,
                thresholds.ExpressionProbability, thresholds.SmileWidening, "smile"),
            ChallengeKind.ShowSurprise => Expression(faces, f => f.Emotions[FaceObservation.Surprise], f => f.MouthOpening - baseline.MouthOpening,
                thresholds.ExpressionProbability, thresholds.MouthOpening / 2, "look surprised"),
            _ => ChallengeJudgement.Failed("unknown challenge"),
        };
    }

    /// <summary>A movement measured by <paramref name="delta"/>: rest, then ≥ threshold for N frames, then back below half.</summary>
    private static ChallengeJudgement GestureAndBack(List<FaceObservation> faces, Func<FaceObservation, float> delta, float threshold, string instruction)
    {
        var held = 0;
        var peak = 0f;
        var reached = false;
        foreach (var face in faces)
        {
            var d = delta(face);
            if (!reached)
            {
                held = d >= threshold ? held + 1 : 0;
                peak = Math.Max(peak, d);
                reached = held >= MinimumHeldFrames;
            }
            else if (d <= threshold / 2)
            {
                return ChallengeJudgement.Passed(Math.Clamp(peak / (threshold * 1.5f), 0, 1));
            }
        }
        return reached
            ? ChallengeJudgement.Pending("now come back to the start")
            : ChallengeJudgement.Pending(peak > threshold / 2 ? $"{instruction} a little more" : instruction);
    }

    /// <summary>An expression: the model's probability and a geometric cue both high for N consecutive frames.</summary>
    private static ChallengeJudgement Expression(
        List<FaceObservation> faces, Func<FaceObservation, float> probability, Func<FaceObservation, float> geometry, float minProbability, float minGeometry, string instruction)
    {
        var held = 0;
        var best = 0f;
        foreach (var face in faces)
        {
            var p = probability(face);
            held = p >= minProbability && geometry(face) >= minGeometry ? held + 1 : 0;
            best = Math.Max(best, held >= 1 ? p : 0);
            if (held >= MinimumHeldFrames)
            {
                return ChallengeJudgement.Passed(Math.Clamp(best, 0, 1));
            }
        }
        return ChallengeJudgement.Pending(instruction);
    }

    private sealed record Baseline(float EyeAspect, float Yaw, float Pitch, float MouthOpening, float SmileWidth, float BrowRaise)
    {
        public static Baseline Of(List<FaceObservation> rest) => new(
            Median(rest, f => f.EyeAspect), Median(rest, f => f.Yaw), Median(rest, f => f.Pitch),
            Median(rest, f => f.MouthOpening), Median(rest, f => f.SmileWidth), Median(rest, f => f.BrowRaise));

        private static float Median(List<FaceObservation> frames, Func<FaceObservation, float> value)
        {
            var sorted = frames.Select(value).Order().ToList();
            return sorted[sorted.Count / 2];
        }
    }
}
