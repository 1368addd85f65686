using System.Globalization;
using System.Text;
using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Verification;

/// <summary>
/// A compact, image-free account of one challenge's frames for the operator's debug log: when each frame arrived
/// (ms after the instruction was shown) and the measures the detectors read (eyes, mouth, yaw, pitch). It is how a
/// genuine person's rejected answer can be told apart from an attack afterwards without keeping any picture.
/// </summary>
public static class ChallengeTrace
{
    public static string Describe(IReadOnlyList<FaceObservation> baseline, IReadOnlyList<FaceObservation> answer, long shownAtMs)
    {
        var text = new StringBuilder();
        var span = answer.Count > 1 ? answer[^1].TimestampMs - answer[0].TimestampMs : 0;
        text.Append(CultureInfo.InvariantCulture, $"{answer.Count} answer frames over {span} ms");
        if (span > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({(answer.Count - 1) * 1000.0 / span:0.0}/s)");
        }
        text.Append("; t eye mouth yaw pitch:");
        foreach (var frame in baseline.Concat(answer))
        {
            text.Append(CultureInfo.InvariantCulture, $" {frame.TimestampMs - shownAtMs}:");
            if (frame.FaceFound)
            {
                text.Append(CultureInfo.InvariantCulture, $"{frame.EyeAspect:0.000}/{frame.MouthOpening:0.000}/{frame.Yaw:0}/{frame.Pitch:0}");
            }
            else
            {
                text.Append('-');
            }
        }
        return text.ToString();
    }
}
