using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Whether two consecutive frames can be one continuous movement of one head (issue 13, item 2). Speeds are judged
/// at the interval the session measured between the frames: a cut to another picture, a mirrored picture or a gap
/// in which a picture could be rearranged is a break. A live head cannot turn faster than
/// <see cref="ContinuityLimits.MaxTurnSpeed"/> or move its face faster than <see cref="ContinuityLimits.MaxLandmarkSpeed"/>.
/// </summary>
public static class FrameContinuity
{
    /// <summary>Why <paramref name="next"/> cannot follow <paramref name="previous"/>, or null when it can.</summary>
    public static string? Break(FaceObservation previous, FaceObservation next, ContinuityLimits limits)
    {
        var interval = next.TimestampMs - previous.TimestampMs;
        if (interval > limits.MaxFrameGap.TotalMilliseconds)
        {
            return $"a gap of {interval} ms between frames";
        }
        var seconds = Math.Max(interval, limits.MinFrameInterval.TotalMilliseconds) / 1000.0;
        var turn = Math.Max(Math.Abs(next.Yaw - previous.Yaw), Math.Abs(next.Pitch - previous.Pitch)) / seconds;
        var cut = turn > limits.MaxTurnSpeed ? $"the head turned {turn:0}°/s" : null;
        if (FaceLandmarks.IsValid(previous.Landmarks) && FaceLandmarks.IsValid(next.Landmarks))
        {
            var before = FaceLandmarks.Points(previous.Landmarks!);
            var after = FaceLandmarks.Points(next.Landmarks!);
            var width = Math.Max(FaceLandmarks.FaceWidth(before), 1e-4f);
            var moved = before.Zip(after, (a, b) => (b - a).Length()).Average() / width / seconds;
            cut ??= moved > limits.MaxLandmarkSpeed ? $"the face moved {moved:0.0} face widths/s" : null;
            // A mirror image puts every point where its left/right partner was: it explains the jump better than any motion.
            if (cut is not null && Math.Sign(next.Yaw) != Math.Sign(previous.Yaw)
                && PlanarFit.SimilarityResidual(FaceLandmarks.Mirrored(before), after) < 0.5f * PlanarFit.SimilarityResidual(before, after))
            {
                return $"a mirror flip ({cut})";
            }
        }
        return cut is null ? null : $"a cut ({cut})";
    }
}
