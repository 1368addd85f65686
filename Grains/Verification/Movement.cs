using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Finds a movement in a challenge's answer frames, measured by a delta from the baseline: rest, a gradual onset,
/// at least <see cref="ChallengeDetector.MinimumHeldFrames"/> frames at or over the threshold, a gradual return to
/// below half of it (issue 13, item 3). A movement that was already under way before the instruction could be read,
/// or that jumps from rest to its peak (or back) without intermediate frames, does not count: the search goes on.
/// </summary>
/// <param name="faces">The answer frames with a face, in order.</param>
/// <param name="earliestOnsetMs">The last resting frame before a movement must be at least this late (session ms).</param>
/// <param name="minTransitionFrames">Intermediate frames needed on the way out and on the way back.</param>
public sealed class Movement(IReadOnlyList<FaceObservation> faces, long earliestOnsetMs, int minTransitionFrames)
{
    /// <summary>
    /// Below this share of the plateau a frame is at rest; at or above <see cref="High"/> it is on the plateau. The
    /// plateau is the median of the frames held at or over the threshold, not their highest: the face model's
    /// measure of a held picture (a print with painted lids or mouth) scatters by up to ±35 % of it, and against the
    /// highest frame that scatter looked like intermediate frames (measured: a painted mouth "opened gradually" in
    /// about one attempt in ten).
    /// </summary>
    public const float Low = 0.15f, High = 0.7f;

    /// <param name="delta">The movement's measure relative to the baseline (positive in the asked direction).</param>
    /// <param name="threshold">How far it must go.</param>
    /// <param name="instruction">The hint while nothing was found.</param>
    /// <param name="gradualOnset">
    /// False for blinks: a lid closes in 75–100 ms, within one frame interval at 15 frames/s; it reopens more slowly
    /// (150–200 ms), so the return must still be gradual.
    /// </param>
    /// <param name="agrees">A second cue every held frame must show (the emotion model, for expressions).</param>
    /// <param name="strength">The passed movement's strength from its held frames; by default peak / (1.5·threshold).</param>
    public MovementResult Search(Func<FaceObservation, float> delta, float threshold, string instruction, bool gradualOnset = true,
        Func<FaceObservation, bool>? agrees = null, Func<FaceObservation, float>? strength = null)
    {
        var d = faces.Select(delta).ToArray();
        var best = 0f;
        string? ignored = null;
        for (var start = 0; start < d.Length;)
        {
            var held = HeldFrom(d, start, threshold, agrees, ref best);
            if (held < 0)
            {
                break;
            }
            var back = Array.FindIndex(d, held + ChallengeDetector.MinimumHeldFrames, v => v <= threshold / 2);
            if (back < 0)
            {
                return new(ChallengeJudgement.Pending("now come back to the start"));
            }
            var peakAt = ArgMax(d, held, back);
            var peak = d[peakAt];
            var plateau = Median(d.AsSpan(held, back - held), threshold);
            var rest = held > start ? Array.FindLastIndex(d, held - 1, held - start, v => v <= Low * plateau) : -1;
            if (rest < 0 || faces[rest].TimestampMs < earliestOnsetMs)
            {
                // Under way before the instruction could have been read: a prepared answer, not a reaction.
                ignored = "wait for the instruction, then move";
            }
            else if ((gradualOnset && Intermediate(d, rest, peakAt, plateau, outward: true) < minTransitionFrames)
                || Intermediate(d, peakAt, back, plateau, outward: false) < minTransitionFrames)
            {
                ignored = "move smoothly, not in a jump";
            }
            else
            {
                var score = strength is null
                    ? Math.Clamp(peak / (threshold * 1.5f), 0, 1)
                    : Math.Clamp(Enumerable.Range(held, back - held).Max(i => strength(faces[i])), 0, 1);
                var farthestFirst = Enumerable.Range(held, back - held).OrderByDescending(i => d[i]).Select(i => faces[i]).ToList();
                return new(ChallengeJudgement.Passed(score), farthestFirst);
            }
            start = back + 1;
        }
        return new(ChallengeJudgement.Pending(ignored ?? (best > threshold / 2 ? $"{instruction} a little more" : instruction)));
    }

    /// <summary>Index of the first of <see cref="ChallengeDetector.MinimumHeldFrames"/> consecutive frames at or over the threshold, or −1.</summary>
    private int HeldFrom(float[] d, int start, float threshold, Func<FaceObservation, bool>? agrees, ref float best)
    {
        var held = 0;
        for (var i = start; i < d.Length; i++)
        {
            best = Math.Max(best, d[i]);
            held = d[i] >= threshold && (agrees?.Invoke(faces[i]) ?? true) ? held + 1 : 0;
            if (held >= ChallengeDetector.MinimumHeldFrames)
            {
                return i - held + 1;
            }
        }
        return -1;
    }

    /// <summary>The median of the values at or over <paramref name="threshold"/> (the frames held).</summary>
    private static float Median(ReadOnlySpan<float> values, float threshold)
    {
        var held = values.ToArray().Where(v => v >= threshold).Order().ToArray();
        return held.Length == 0 ? threshold : held.Length % 2 == 1 ? held[held.Length / 2] : (held[(held.Length / 2) - 1] + held[held.Length / 2]) / 2;
    }

    /// <summary>
    /// Frames strictly between rest and the plateau (outward: from <paramref name="from"/>, the last rest frame, to the
    /// first frame on the plateau; back: from the last frame on the plateau to <paramref name="to"/>, the first frame back).
    /// </summary>
    private static int Intermediate(float[] d, int from, int to, float plateau, bool outward)
    {
        var (low, high) = (Low * plateau, High * plateau);
        if (outward)
        {
            var top = Array.FindIndex(d, from + 1, to - from, v => v >= high);
            return Enumerable.Range(from + 1, Math.Max(0, top - from - 1)).Count(i => d[i] > low && d[i] < high);
        }
        var last = Array.FindLastIndex(d, to - 1, to - from, v => v >= high);
        return Enumerable.Range(last + 1, to - last).Count(i => d[i] > low && d[i] < high);
    }

    private static int ArgMax(float[] d, int from, int to)
    {
        var at = from;
        for (var i = from; i < to; i++)
        {
            at = d[i] > d[at] ? i : at;
        }
        return at;
    }
}
