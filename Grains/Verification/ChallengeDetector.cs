using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Judges one challenge against the baseline taken before its instruction appeared. A movement counts only when it
/// starts from rest after the instruction could have been read, changes gradually (intermediate values on the way out
/// and back, <see cref="Movement"/>), holds for several consecutive frames and comes back; a head turn or nod
/// must also move the face's texture in 3-D (<see cref="FlatMotion"/>). No single frame, and no step between pictures, passes.
/// </summary>
public static class ChallengeDetector
{
    /// <summary>Consecutive frames that must show the movement.</summary>
    public const int MinimumHeldFrames = 3;

    public static ChallengeJudgement Judge(ChallengeKind kind, ChallengeFrames frames, DetectorThresholds thresholds)
    {
        var faces = frames.Answer.Where(f => f.FaceFound).ToList();
        if (frames.Baseline.Count == 0 || faces.Count < MinimumHeldFrames + 2)
        {
            // At a gesture's start there are simply too few answer frames yet: the face is only asked for when the
            // latest frame lost it, or the hint would flash "keep your face in view" at a centred face (issue 25, item 10).
            var lost = frames.Answer.Count > 0 && !frames.Answer[^1].FaceFound;
            return ChallengeJudgement.Pending(lost ? FaceLostHint : Instruction(kind));
        }
        var b = ChallengeBaseline.Of(frames.Baseline);
        var movement = new Movement(faces, frames.EarliestOnsetMs, thresholds.MinTransitionFrames);
        return kind switch
        {
            ChallengeKind.Blink => movement.Search(f => b.EyeAspect - f.EyeAspect, thresholds.BlinkDrop, Instruction(ChallengeKind.Blink), gradualOnset: false).Judgement,
            ChallengeKind.TurnHeadLeft => In3D(movement.Search(f => f.Yaw - b.Yaw, thresholds.TurnDegrees, Instruction(ChallengeKind.TurnHeadLeft)), frames, thresholds),
            ChallengeKind.TurnHeadRight => In3D(movement.Search(f => b.Yaw - f.Yaw, thresholds.TurnDegrees, Instruction(ChallengeKind.TurnHeadRight)), frames, thresholds),
            ChallengeKind.LookUp => In3D(movement.Search(f => f.Pitch - b.Pitch, thresholds.PitchDegrees, Instruction(ChallengeKind.LookUp)), frames, thresholds),
            ChallengeKind.Nod => In3D(movement.Search(f => b.Pitch - f.Pitch, thresholds.PitchDegrees, Instruction(ChallengeKind.Nod)), frames, thresholds),
            ChallengeKind.OpenMouth => movement.Search(f => f.MouthOpening - b.MouthOpening, thresholds.MouthOpening, Instruction(ChallengeKind.OpenMouth)).Judgement,
            ChallengeKind.RaiseEyebrows => movement.Search(f => f.BrowRaise - b.BrowRaise, thresholds.BrowRaise, Instruction(ChallengeKind.RaiseEyebrows)).Judgement,
            ChallengeKind.Smile => Smile(movement, b, thresholds),
            // Surprise: the geometry appears and fades as a gesture does, and the emotion model agrees while it is held.
            ChallengeKind.ShowSurprise => movement.Search(f => f.MouthOpening - b.MouthOpening, thresholds.MouthOpening / 2, Instruction(ChallengeKind.ShowSurprise),
                agrees: f => f.Expression(FaceObservation.Surprise) >= thresholds.ExpressionProbability, strength: f => f.Expression(FaceObservation.Surprise)).Judgement,
            _ => ChallengeJudgement.Failed("unknown challenge"),
        };
    }

    /// <summary>The hint while the face is out of the camera's view.</summary>
    public const string FaceLostHint = "keep your face in view";

    /// <summary>What the person is asked to do, in the words the hints use.</summary>
    public static string Instruction(ChallengeKind kind) => kind switch
    {
        ChallengeKind.Blink => "blink",
        ChallengeKind.TurnHeadLeft => "turn your head to your left",
        ChallengeKind.TurnHeadRight => "turn your head to your right",
        ChallengeKind.LookUp => "look up",
        ChallengeKind.Nod => "nod",
        ChallengeKind.OpenMouth => "open your mouth",
        ChallengeKind.RaiseEyebrows => "raise your eyebrows",
        ChallengeKind.Smile => "smile",
        ChallengeKind.ShowSurprise => "look surprised",
        _ => "follow the instruction",
    };

    /// <summary>
    /// A smile is read from the landmarks against the person's own rest (<see cref="SmileGeometry"/>): the mouth widened
    /// plus its corners lifted, in eye-corner distances, by <see cref="DetectorThresholds.SmileWidening"/>, the corners
    /// never below their rest while it is held (an open mouth or a surprise widens the mouth too, but drops the corners).
    /// The emotion model is support, not the gate: its P(happy) can raise the smile's strength, never refuse one
    /// (it stayed below 0.5 on most held frames of the rendered head's smiles on three faces of four, issue 24).
    /// </summary>
    private static ChallengeJudgement Smile(Movement movement, ChallengeBaseline b, DetectorThresholds thresholds)
    {
        if (!float.IsFinite(b.MouthWidth) || !float.IsFinite(b.CornerLift))
        {
            return ChallengeJudgement.Pending(FaceLostHint);
        }
        float Smiled(FaceObservation f) => SmileRise(f, b);
        return movement.Search(Smiled, thresholds.SmileWidening, Instruction(ChallengeKind.Smile),
            agrees: f => (SmileGeometry.Of(f.Landmarks)?.Lift ?? float.NaN) >= b.CornerLift,
            strength: f => Math.Max(Smiled(f) / (1.5f * thresholds.SmileWidening), f.Expression(FaceObservation.Happy))).Judgement;
    }

    /// <summary>
    /// How far a frame's mouth smiles beyond the rest: widening plus corner lift, in eye-corner distances. Without
    /// landmarks a frame reads NaN: never held, never at rest.
    /// </summary>
    public static float SmileRise(FaceObservation f, ChallengeBaseline b) =>
        SmileGeometry.Of(f.Landmarks) is var (width, lift) ? width - b.MouthWidth + (lift - b.CornerLift) : float.NaN;

    /// <summary>Held frames (the farthest from rest with enough texture followed) whose parallax is judged.</summary>
    public const int ParallaxFrames = 3;

    /// <summary>
    /// A passed turn or nod stands only if no flat picture (one plane, or a print folded once) explains how the face's
    /// texture moved from the last baseline frame to the held frames: the <see cref="ParallaxFrames"/> farthest held
    /// frames with enough texture followed are judged, and each must leave a residual no flat model explains.
    /// </summary>
    private static ChallengeJudgement In3D(MovementResult result, ChallengeFrames frames, DetectorThresholds thresholds)
    {
        if (result.Judgement.Outcome != ChallengeOutcome.Passed)
        {
            return result.Judgement;
        }
        if (!FaceLandmarks.IsValid(frames.TextureReference))
        {
            return ChallengeJudgement.Failed("the face's texture was not followed through the movement (no reference)");
        }
        var judged = (result.Held ?? []).Where(f => FlatMotion.Count(f.Tracked) >= FlatMotion.MinTrackedPoints).Take(ParallaxFrames).ToList();
        if (judged.Count == 0)
        {
            return ChallengeJudgement.Failed("the face's texture was not followed through the movement");
        }
        // The smallest of the judged frames: a point followed wrongly in one frame looks like depth, a head's depth is in all.
        var residual = judged.Min(f => FlatMotion.Residual(frames.TextureReference!, f.Tracked!));
        if (!float.IsFinite(residual))
        {
            // No flat model could be fitted (degenerate points): that proves nothing about depth, so it fails closed.
            return ChallengeJudgement.Failed("the face's texture was not followed through the movement (degenerate points)");
        }
        return residual >= thresholds.MinParallaxResidual
            ? result.Judgement with { Parallax = residual }
            : ChallengeJudgement.Failed($"the face moved as a flat picture (parallax residual {residual:0.0000} face widths, needs {thresholds.MinParallaxResidual:0.0000})");
    }
}
