using System.Numerics;
using SecureCall.FaceAnalysis.Imaging;
using SecureCall.FaceAnalysis.Measures;

namespace SecureCall.FaceAnalysis.Tracking;

/// <summary>
/// Cuts texture patches around points of one frame and finds them again in a later frame: for each point, the
/// offset within <see cref="SearchSteps"/> grid steps of the predicted position (the landmark the face model placed
/// in the later frame) where the normalised cross-correlation with the reference patch is highest, refined to a
/// fraction of a step. This follows the texture itself, not the face model's idea of where a landmark should be: a
/// printed face moves its texture exactly as the paper moves, whatever shape the model infers.
/// </summary>
public static class PatchTracker
{
    /// <summary>How far (grid steps, about 5 % of the face width) a patch is searched around its predicted position.</summary>
    public const int SearchSteps = 10;

    /// <summary>Lowest correlation accepted as the same texture; below it (occluded, foreshortened) the point is not tracked.</summary>
    public const float MinCorrelation = 0.7f;

    /// <summary>
    /// Smallest eigenvalue of the reference patch's gradient structure tensor (grey levels² per sample): texture that
    /// varies in both directions. Smooth skin or a single edge can be matched anywhere along it (the aperture problem),
    /// so such patches are not followed (calibrated on the rendered head and printed photos: 20 left too few points).
    /// </summary>
    public const float MinCornerness = 8f;

    /// <summary>How much lower the correlation must be 3 steps from the best match in each direction: a distinct peak.</summary>
    public const float MinPeakDrop = 0.04f;

    /// <summary>The grid step for a face <paramref name="faceWidth"/> pixels wide.</summary>
    public static float StepFor(float faceWidth) => Math.Max(0.25f, faceWidth / TexturePatches.StepsPerFaceWidth);

    /// <summary>Patches of <paramref name="image"/> around <paramref name="points"/> (pixels; a NaN point gets an empty patch), <paramref name="step"/> pixels apart.</summary>
    public static TexturePatches Cut(RgbaImage image, IReadOnlyList<Vector2> points, float step)
    {
        const int area = TexturePatches.Side * TexturePatches.Side;
        var grey = new byte[points.Count * area];
        Span<float> grid = stackalloc float[area];
        using var sampler = new TextureSampler(image, points, step, TexturePatches.Side);
        for (var i = 0; i < points.Count; i++)
        {
            sampler.Sample(points[i].X, points[i].Y, step, TexturePatches.Side, grid);
            for (var k = 0; k < area; k++)
            {
                grey[(i * area) + k] = float.IsNaN(grid[k]) ? (byte)0 : (byte)Math.Clamp(MathF.Round(grid[k]), 1, 255);
            }
        }
        return new TexturePatches(step, grey, [.. points]);
    }

    /// <summary>
    /// Where each reference patch is in <paramref name="image"/>, searched around <paramref name="predicted"/>
    /// (pixels); NaN for a point not predicted (NaN) or whose best match is weak or ambiguous.
    /// </summary>
    public static Vector2[] Track(RgbaImage image, TexturePatches reference, IReadOnlyList<Vector2> predicted)
    {
        const int side = TexturePatches.Side;
        const int window = side + (2 * SearchSteps);
        var found = new Vector2[Math.Min(reference.Count, predicted.Count)];
        var area = new float[window * window];
        var scores = new float[((2 * SearchSteps) + 1) * ((2 * SearchSteps) + 1)];
        var correlation = new NormalisedCorrelation(window, side);
        using var sampler = new TextureSampler(image, predicted.Take(found.Length), reference.Step, window);
        for (var i = 0; i < found.Length; i++)
        {
            if (!float.IsFinite(predicted[i].X) || !float.IsFinite(predicted[i].Y))
            {
                found[i] = new Vector2(float.NaN, float.NaN);
                continue;
            }
            sampler.Sample(predicted[i].X, predicted[i].Y, reference.Step, window, area);
            var patch = reference.Grey.AsSpan(i * side * side, side * side);
            found[i] = BestMatch(patch, area, scores, correlation) is { } offset
                ? predicted[i] + (offset * reference.Step)
                : new Vector2(float.NaN, float.NaN);
        }
        return found;
    }

    /// <summary>Neighbouring points whose motion gives each point's starting warp for <see cref="Align"/>.</summary>
    public const int WarpNeighbours = 6;

    /// <summary>
    /// Where the texture of <paramref name="origin"/> (the first frame's patches, cut at its points) is in
    /// <paramref name="image"/>: each point that <paramref name="found"/> (the frame-to-frame search) holds, aligned by
    /// <see cref="PatchAligner"/> from there, starting with the affine motion of its <see cref="WarpNeighbours"/>
    /// nearest followed neighbours; NaN where it was not found or did not align.
    /// </summary>
    public static Vector2[] Align(RgbaImage image, TexturePatches origin, IReadOnlyList<Vector2> found)
    {
        const int area = TexturePatches.Side * TexturePatches.Side;
        var from = origin.Points ?? throw new ArgumentException("The origin patches need their points.", nameof(origin));
        var count = Math.Min(Math.Min(origin.Count, from.Length), found.Count);
        var aligned = Enumerable.Repeat(new Vector2(float.NaN, float.NaN), count).ToArray();
        var followed = Enumerable.Range(0, count).Where(i => Finite(found[i]) && Finite(from[i])).ToArray();
        // Reach: the warped grid at up to twice the patch's size, around a start up to MaxShiftSteps away.
        using var sampler = new TextureSampler(image, followed.Select(i => found[i]), origin.Step, (int)(4 * PatchAligner.ReachSteps) + 1);
        foreach (var i in followed)
        {
            var patch = origin.Grey.AsSpan(i * area, area);
            if (patch.IndexOf((byte)0) >= 0)
            {
                continue; // cut partly outside its frame
            }
            var warp = LocalAffine(from, found, followed, i);
            aligned[i] = PatchAligner.Align(sampler, patch, origin.Step, found[i], warp) ?? aligned[i];
        }
        return aligned;
    }

    /// <summary>The least-squares affine map (its linear part) from the origin to the followed positions of point <paramref name="i"/>'s nearest followed neighbours; identity when they do not determine one.</summary>
    private static Matrix3x2 LocalAffine(Vector2[] from, IReadOnlyList<Vector2> found, int[] followed, int i)
    {
        var near = followed.OrderBy(j => Vector2.DistanceSquared(from[j], from[i])).Take(WarpNeighbours).ToArray();
        if (near.Length < 3)
        {
            return Matrix3x2.Identity;
        }
        // u = a·x + b·y + e and v = c·x + d·y + f about point i: one 3×3 normal system per output coordinate.
        var m = new double[3, 3];
        var (tu, tv) = (new double[3], new double[3]);
        foreach (var j in near)
        {
            var (x, y) = ((double)from[j].X - from[i].X, (double)from[j].Y - from[i].Y);
            ReadOnlySpan<double> row = [x, y, 1];
            for (var r = 0; r < 3; r++)
            {
                tu[r] += row[r] * found[j].X;
                tv[r] += row[r] * found[j].Y;
                for (var c = 0; c < 3; c++)
                {
                    m[r, c] += row[r] * row[c];
                }
            }
        }
        var u = LinearSystem.Solve((double[,])m.Clone(), tu);
        var v = LinearSystem.Solve(m, tv);
        return u is null || v is null || !double.IsFinite(u[0] + u[1] + v[0] + v[1])
            ? Matrix3x2.Identity
            : new Matrix3x2((float)u[0], (float)v[0], (float)u[1], (float)v[1], 0, 0);
    }

    private static bool Finite(Vector2 p) => float.IsFinite(p.X) && float.IsFinite(p.Y);

    /// <summary>The offset (grid steps, sub-step by a parabola through the neighbours) of the best correlation, or null.</summary>
    private static Vector2? BestMatch(ReadOnlySpan<byte> patch, float[] area, float[] scores, NormalisedCorrelation correlation)
    {
        const int span = (2 * SearchSteps) + 1;
        if (patch.IndexOf((byte)0) >= 0)
        {
            return null; // the reference patch reached outside its frame
        }
        double mean = 0;
        foreach (var v in patch)
        {
            mean += v;
        }
        mean /= patch.Length;
        Span<float> centred = stackalloc float[patch.Length];
        double norm = 0;
        for (var k = 0; k < patch.Length; k++)
        {
            centred[k] = (float)(patch[k] - mean);
            norm += (double)centred[k] * centred[k];
        }
        if (norm < 1e-6 * patch.Length || Cornerness(patch) < MinCornerness)
        {
            return null; // flat texture or a single edge: nothing that can be followed in both directions
        }
        correlation.Surface(centred, norm, area, scores);
        var best = -1;
        for (var k = 0; k < span * span; k++)
        {
            // NaN (outside the frame, or no contrast) never wins.
            best = !float.IsNaN(scores[k]) && (best < 0 || scores[k] > scores[best]) ? k : best;
        }
        if (best < 0)
        {
            return null;
        }
        var (bx, by) = (best % span, best / span);
        if (!(scores[best] >= MinCorrelation) || bx == 0 || by == 0 || bx == span - 1 || by == span - 1)
        {
            return null; // too weak, or at the edge of the search (the true match may lie beyond it)
        }
        const int away = 3;
        var peak = scores[best];
        foreach (var (x, y) in new[] { (bx - away, by), (bx + away, by), (bx, by - away), (bx, by + away) })
        {
            if (x >= 0 && y >= 0 && x < span && y < span && !(scores[(y * span) + x] <= peak - MinPeakDrop))
            {
                return null; // the correlation stays high along some direction: no single match
            }
        }
        return new Vector2(
            bx - SearchSteps + Vertex(scores[best - 1], scores[best], scores[best + 1]),
            by - SearchSteps + Vertex(scores[best - span], scores[best], scores[best + span]));
    }

    /// <summary>The smaller eigenvalue of the patch's gradient structure tensor, per sample (Shi–Tomasi).</summary>
    private static float Cornerness(ReadOnlySpan<byte> patch)
    {
        const int side = TexturePatches.Side;
        double xx = 0, yy = 0, xy = 0;
        for (var r = 1; r < side - 1; r++)
        {
            for (var c = 1; c < side - 1; c++)
            {
                var gx = (patch[(r * side) + c + 1] - patch[(r * side) + c - 1]) / 2.0;
                var gy = (patch[((r + 1) * side) + c] - patch[((r - 1) * side) + c]) / 2.0;
                (xx, yy, xy) = (xx + (gx * gx), yy + (gy * gy), xy + (gx * gy));
            }
        }
        const int n = (side - 2) * (side - 2);
        var (a, b, d) = (xx / n, yy / n, xy / n);
        return (float)(((a + b) / 2) - Math.Sqrt((((a - b) / 2) * ((a - b) / 2)) + (d * d)));
    }

    /// <summary>Offset of a parabola's vertex through three equally spaced values, in (−0.5, 0.5).</summary>
    private static float Vertex(float left, float centre, float right)
    {
        var curvature = left - (2 * centre) + right;
        return curvature < 0 ? Math.Clamp(0.5f * (left - right) / curvature, -0.5f, 0.5f) : 0;
    }
}
