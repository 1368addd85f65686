using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Names why an attempt was missed in terms a person can act on (<see cref="ChallengeMissReason"/>), from the frames
/// the detector saw: no face, a face that never moved at all (a still image), the movement not seen, begun but not far
/// enough, or far enough but not judged a smooth movement. It only words the feedback: the detector alone decides.
/// </summary>
public static class ChallengeMissClassifier
{
    /// <summary>
    /// Below these spreads over the whole attempt nothing moved: a live face at rest still sways (the rendered head's
    /// tremor spans about 2° of yaw and pitch) and its lids and lips flicker; a still picture's measures stay put.
    /// </summary>
    public const float StillDegrees = 1f, StillRatio = 0.01f;

    /// <param name="kind">The challenge.</param>
    /// <param name="baseline">The rest frames before the instruction (empty when it was never shown).</param>
    /// <param name="answer">The frames after it.</param>
    /// <param name="timedOut">The attempt ran out of time (otherwise the detector or the continuity check failed it).</param>
    public static ChallengeMissReason Classify(ChallengeKind kind, IReadOnlyList<FaceObservation> baseline, IReadOnlyList<FaceObservation> answer,
        bool timedOut, DetectorThresholds thresholds)
    {
        var faces = answer.Where(f => f.FaceFound).ToList();
        if (answer.Count > 0 && faces.Count * 2 < answer.Count)
        {
            return ChallengeMissReason.NoFace;
        }
        if (!timedOut || baseline.Count == 0 || faces.Count < 3)
        {
            return ChallengeMissReason.Other;
        }
        if (Spread(faces, f => f.Yaw) < StillDegrees && Spread(faces, f => f.Pitch) < StillDegrees
            && Spread(faces, f => f.EyeAspect) < StillRatio && Spread(faces, f => f.MouthOpening) < StillRatio)
        {
            return ChallengeMissReason.NoLiveFace;
        }
        var b = ChallengeBaseline.Of(baseline);
        // How far the asked movement went, as a share of its threshold (the detector's measures, read only).
        Func<FaceObservation, float> progress = kind switch
        {
            ChallengeKind.Blink => f => (b.EyeAspect - f.EyeAspect) / thresholds.BlinkDrop,
            ChallengeKind.TurnHeadLeft => f => (f.Yaw - b.Yaw) / thresholds.TurnDegrees,
            ChallengeKind.TurnHeadRight => f => (b.Yaw - f.Yaw) / thresholds.TurnDegrees,
            ChallengeKind.LookUp => f => (f.Pitch - b.Pitch) / thresholds.PitchDegrees,
            ChallengeKind.Nod => f => (b.Pitch - f.Pitch) / thresholds.PitchDegrees,
            ChallengeKind.OpenMouth => f => (f.MouthOpening - b.MouthOpening) / thresholds.MouthOpening,
            ChallengeKind.RaiseEyebrows => f => (f.BrowRaise - b.BrowRaise) / thresholds.BrowRaise,
            ChallengeKind.Smile => f => ChallengeDetector.SmileRise(f, b) is var rise && float.IsFinite(rise) ? rise / thresholds.SmileWidening : 0,
            ChallengeKind.ShowSurprise => f => (f.MouthOpening - b.MouthOpening) / (thresholds.MouthOpening / 2),
            _ => _ => 0,
        };
        var best = faces.Max(progress);
        return best >= 1 ? ChallengeMissReason.NotSmooth : best >= 0.5f ? ChallengeMissReason.TooSmall : ChallengeMissReason.NotSeen;
    }

    private static float Spread(IReadOnlyList<FaceObservation> faces, Func<FaceObservation, float> measure) =>
        faces.Max(measure) - faces.Min(measure);
}
