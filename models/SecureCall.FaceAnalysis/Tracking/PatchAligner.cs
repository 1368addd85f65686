using System.Numerics;
using SecureCall.FaceAnalysis.Measures;

namespace SecureCall.FaceAnalysis.Tracking;

/// <summary>
/// Where a patch of an earlier frame is in this one, to a fraction of a pixel: the patch is aligned under an affine
/// warp with a gain and an offset on its grey levels (Lucas–Kanade by forward-additive Gauss–Newton; Baker and
/// Matthews, "Lucas-Kanade 20 Years On: A Unifying Framework", IJCV 56(3), 2004, §2 and, for the gain and offset,
/// its linear appearance variation). Following a patch frame to frame by translation drifts, since every frame's
/// sub-sample error is kept when the next patch is cut there (about 0.25 px a frame, measured on printed faces), and a
/// translation cannot fit a patch that a turn has foreshortened. Aligning the *first* frame's patch with an affine
/// warp, starting from where the frame-to-frame search found it, removes both errors (the drift correction of
/// Matthews, Ishikawa and Baker, "The Template Update Problem", PAMI 26(6), 2004).
/// </summary>
internal static class PatchAligner
{
    /// <summary>Gauss–Newton steps at most; from a start within a pixel or two it settles in 3–6.</summary>
    public const int MaxIterations = 15;

    /// <summary>Lowest normalised correlation of the aligned patch with the first one accepted as the same texture.</summary>
    public const float MinCorrelation = 0.8f;

    /// <summary>How far (grid steps) alignment may move a point from where the frame-to-frame search found it.</summary>
    public const float MaxShiftSteps = 3f;

    /// <summary>Samples per side of the warped grid: the patch plus one each side for the central differences.</summary>
    private const int Grid = TexturePatches.Side + 2;

    /// <summary>
    /// The grid step times how far a sample of <see cref="Grid"/> can lie from the warp's centre, per unit of warp
    /// scale: how far around its start a sampler must reach.
    /// </summary>
    public const float ReachSteps = (Grid / 2) + MaxShiftSteps;

    /// <summary>
    /// Where the centre of <paramref name="template"/> (cut <paramref name="step"/> pixels apart) is in the frame of
    /// <paramref name="sampler"/>, starting at <paramref name="start"/> with <paramref name="warp"/> (earlier-frame
    /// pixels → this frame's pixels, the translation ignored); null when the alignment does not settle on the same
    /// texture (low correlation, a warp that folds or scales the patch by more than 2 either way, or a move of more than
    /// <see cref="MaxShiftSteps"/> steps).
    /// </summary>
    public static Vector2? Align(TextureSampler sampler, ReadOnlySpan<byte> template, float step, Vector2 start, Matrix3x2 warp)
    {
        const int side = TexturePatches.Side;
        const int half = Grid / 2;
        // Parameters: centre (x, y), the 2×2 warp row by row (a b; c d), gain and offset of the grey levels.
        var (x, y, a, b, c, d) = ((double)start.X, (double)start.Y, (double)warp.M11, (double)warp.M21, (double)warp.M12, (double)warp.M22);
        var (gain, offset) = (1.0, 0.0);
        Span<float> samples = stackalloc float[Grid * Grid];
        var normal = new double[8, 8];
        var target = new double[8];
        Span<double> row = stackalloc double[8];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            if (!Sample(sampler, samples, x, y, a * step, b * step, c * step, d * step))
            {
                return null;
            }
            if (iteration == 0)
            {
                (gain, offset) = Photometric(samples, template);
            }
            // ∇I in this frame = W⁻ᵀ · ∂I/∂(earlier pixel), the latter by central differences along the warped grid.
            var det = (a * d) - (b * c);
            if (!(det > 0.25 && det < 4))
            {
                return null;
            }
            var (ia, ib, ic, id) = (d / det, -b / det, -c / det, a / det);
            Array.Clear(normal);
            Array.Clear(target);
            for (var r = 0; r < side; r++)
            {
                for (var k = 0; k < side; k++)
                {
                    var at = ((r + 1) * Grid) + k + 1;
                    var (gu, gv) = ((samples[at + 1] - samples[at - 1]) / (2.0 * step), (samples[at + Grid] - samples[at - Grid]) / (2.0 * step));
                    var (ix, iy) = ((ia * gu) + (ic * gv), (ib * gu) + (id * gv));
                    var (du, dv) = ((k - half + 1) * (double)step, (r - half + 1) * (double)step);
                    var t = (double)template[(r * side) + k];
                    var error = samples[at] - (gain * t) - offset;
                    (row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7]) = (ix, iy, ix * du, ix * dv, iy * du, iy * dv, -t, -1);
                    for (var i = 0; i < 8; i++)
                    {
                        target[i] -= row[i] * error;
                        for (var j = i; j < 8; j++)
                        {
                            normal[i, j] += row[i] * row[j];
                        }
                    }
                }
            }
            for (var i = 1; i < 8; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    normal[i, j] = normal[j, i];
                }
            }
            if (LinearSystem.Solve(normal, target) is not { } delta)
            {
                return null;
            }
            (x, y, a, b, c, d, gain, offset) = (x + delta[0], y + delta[1], a + delta[2], b + delta[3], c + delta[4], d + delta[5], gain + delta[6], offset + delta[7]);
            // Settled: the centre moves less than a hundredth of a pixel and the patch's corners less than two hundredths.
            var corner = half * step * (Math.Abs(delta[2]) + Math.Abs(delta[3]) + Math.Abs(delta[4]) + Math.Abs(delta[5]));
            if (Math.Abs(delta[0]) + Math.Abs(delta[1]) < 0.01 && corner < 0.02)
            {
                break;
            }
        }
        var found = new Vector2((float)x, (float)y);
        if (!float.IsFinite(found.X) || !float.IsFinite(found.Y) || Vector2.Distance(found, start) > MaxShiftSteps * step
            || !Sample(sampler, samples, x, y, a * step, b * step, c * step, d * step) || Correlation(samples, template) < MinCorrelation)
        {
            return null;
        }
        return found;
    }

    /// <summary>The warped grid's samples around (x, y), the grid's axes (a, c) and (b, d) pixels per step; false when any is outside the frame.</summary>
    private static bool Sample(TextureSampler sampler, Span<float> samples, double x, double y, double a, double b, double c, double d)
    {
        const int half = Grid / 2;
        for (var r = 0; r < Grid; r++)
        {
            for (var k = 0; k < Grid; k++)
            {
                var (u, v) = (k - half, r - half);
                var value = sampler.Grey((float)(x + (a * u) + (b * v)), (float)(y + (c * u) + (d * v)));
                if (float.IsNaN(value))
                {
                    return false;
                }
                samples[(r * Grid) + k] = value;
            }
        }
        return true;
    }

    /// <summary>Least-squares gain and offset taking the template's grey levels to the samples'.</summary>
    private static (double Gain, double Offset) Photometric(ReadOnlySpan<float> samples, ReadOnlySpan<byte> template)
    {
        var m = Moments(samples, template);
        var gain = m.VarT > 1e-6 ? m.Cov / m.VarT : 1;
        return (gain, m.MeanS - (gain * m.MeanT));
    }

    /// <summary>Normalised cross-correlation of the patch's samples with the template.</summary>
    private static double Correlation(ReadOnlySpan<float> samples, ReadOnlySpan<byte> template)
    {
        var m = Moments(samples, template);
        return m.VarT > 1e-6 && m.VarS > 1e-6 ? m.Cov / Math.Sqrt(m.VarT * m.VarS) : 0;
    }

    /// <summary>Means, variances and covariance of the grid's inner samples and the template.</summary>
    private static (double MeanS, double MeanT, double VarS, double VarT, double Cov) Moments(ReadOnlySpan<float> samples, ReadOnlySpan<byte> template)
    {
        const int side = TexturePatches.Side;
        double s1 = 0, t1 = 0, ss = 0, tt = 0, st = 0;
        for (var r = 0; r < side; r++)
        {
            for (var k = 0; k < side; k++)
            {
                double s = samples[((r + 1) * Grid) + k + 1], t = template[(r * side) + k];
                (s1, t1, ss, tt, st) = (s1 + s, t1 + t, ss + (s * s), tt + (t * t), st + (s * t));
            }
        }
        const double n = side * side;
        var (ms, mt) = (s1 / n, t1 / n);
        return (ms, mt, (ss / n) - (ms * ms), (tt / n) - (mt * mt), (st / n) - (ms * mt));
    }
}
