using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Verification;

/// <summary>
/// The person's resting values, the median over the baseline frames of the pause before the instruction. It counts
/// only when those frames are still (no turn, blink or open mouth under way); every detector measures from it, so a
/// smile, an open mouth or a turned head that is already there cannot be "answered" by holding it (issue 13, items 2 and 5),
/// and only when they are the person's rest: eyes as open as in most of the session's frames (its upper quartile),
/// and the head as straight as their median; at least <see cref="MinHistoryFrames"/> must have been seen to tell.
/// A still moment is not always a rest (eyes held shut for a few frames, a turn held at its peak), and a baseline
/// taken there would make the blink (or the turn) it is meant to measure impossible.
/// </summary>
/// <param name="MouthWidth">Median mouth width of the rest, eye-corner distances (<see cref="SmileGeometry"/>; NaN without landmarks).</param>
/// <param name="CornerLift">Median lift of the mouth corners at rest, likewise.</param>
public sealed record ChallengeBaseline(float EyeAspect, float Yaw, float Pitch, float MouthOpening, float BrowRaise, IReadOnlyList<float>? Landmarks,
    float MouthWidth = float.NaN, float CornerLift = float.NaN)
{
    /// <summary>Largest spread of yaw or pitch (degrees) over the baseline frames of a still head.</summary>
    public const float StillDegrees = 5f;

    /// <summary>
    /// Frames with a face the session must have seen before its rest can be told (20: 1.3 s at 15 frames/s). Fewer
    /// were not enough in the browser suite: a session that started at the camera's turn, seen at 9 frames/s, had its
    /// first eight frames mostly turned, took the turn's peak as the rest, and could then never turn further.
    /// </summary>
    public const int MinHistoryFrames = 20;

    /// <summary>Largest spread of an eye or mouth ratio over the baseline frames of a still face.</summary>
    public const float StillRatio = 0.05f;

    public static ChallengeBaseline Of(IReadOnlyList<FaceObservation> rest)
    {
        var mouths = rest.Select(f => SmileGeometry.Of(f.Landmarks)).OfType<(float Width, float Lift)>().ToList();
        return new(
            Median(rest, f => f.EyeAspect), Median(rest, f => f.Yaw), Median(rest, f => f.Pitch),
            Median(rest, f => f.MouthOpening), Median(rest, f => f.BrowRaise),
            rest.LastOrDefault(f => FaceLandmarks.IsValid(f.Landmarks))?.Landmarks,
            mouths.Count == 0 ? float.NaN : MedianOf(mouths.Select(m => m.Width)),
            mouths.Count == 0 ? float.NaN : MedianOf(mouths.Select(m => m.Lift)));
    }

    /// <summary>
    /// Why the last <paramref name="count"/> frames are not yet a baseline (a face missing, moving or showing an
    /// expression), or null when they are one.
    /// </summary>
    /// <param name="history">The session's recent frames (these included): the person's rest is read from them.</param>
    public static string? NotReady(IReadOnlyList<FaceObservation> frames, int count, DetectorThresholds thresholds, IReadOnlyList<FaceObservation> history)
    {
        if (frames.Count < count)
        {
            return "hold still and look at the camera";
        }
        var last = frames.Skip(frames.Count - count).ToList();
        if (last.Any(f => !f.FaceFound))
        {
            return "keep your face in view";
        }
        if (Spread(last, f => f.Yaw) > StillDegrees || Spread(last, f => f.Pitch) > StillDegrees
            || Spread(last, f => f.EyeAspect) > StillRatio || Spread(last, f => f.MouthOpening) > StillRatio)
        {
            return "hold still and look at the camera";
        }
        // A mouth held open (an attacker's painted-open mouth included) is not a rest. A resting expression that is not
        // neutral (a natural smile, raised brows) is: every detector measures from this rest, so holding it answers
        // nothing, and refusing it kept such faces waiting for an instruction that never came (issue 24, item 3).
        if (last.Any(f => f.MouthOpening >= thresholds.MouthOpening))
        {
            return "close your mouth and look at the camera";
        }
        // The rest is read from enough frames that a session starting mid-blink or mid-turn cannot call that its rest.
        var faces = history.Where(f => f.FaceFound).ToList();
        if (faces.Count < MinHistoryFrames)
        {
            return "hold still and look at the camera";
        }
        // Eyes: as open as they are in most frames (the upper quartile), since a blink closes them only briefly.
        if (Median(last, f => f.EyeAspect) < Quantile(faces, f => f.EyeAspect, 0.75) - thresholds.BlinkDrop / 2)
        {
            return "open your eyes and look at the camera";
        }
        if (Math.Abs(Median(last, f => f.Yaw) - Median(faces, f => f.Yaw)) > thresholds.TurnDegrees / 2
            || Math.Abs(Median(last, f => f.Pitch) - Median(faces, f => f.Pitch)) > thresholds.PitchDegrees / 2)
        {
            return "look straight at the camera";
        }
        return null;
    }

    private static float Spread(List<FaceObservation> frames, Func<FaceObservation, float> value) => frames.Max(value) - frames.Min(value);

    private static float Median(IReadOnlyList<FaceObservation> frames, Func<FaceObservation, float> value) => Quantile(frames, value, 0.5);

    private static float MedianOf(IEnumerable<float> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static float Quantile(IReadOnlyList<FaceObservation> frames, Func<FaceObservation, float> value, double quantile)
    {
        var sorted = frames.Select(value).Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * quantile))];
    }
}
