using System.Numerics;

namespace SecureCall.FaceAnalysis.Tracking;

/// <summary>
/// Where a patch of an earlier frame is in this one, to a fraction of a pixel: the patch is aligned under an affine
/// warp, its grey levels matched by a gain and an offset (Lucas–Kanade, forward additive Gauss–Newton: Baker and
/// Matthews, "Lucas-Kanade 20 Years On: A Unifying Framework", IJCV 56(3), 2004, §2; the gain and offset solved in
/// closed form at each step). Following a patch frame to frame by translation drifts, since every frame's sub-sample
/// error is kept when the next patch is cut there (about 0.25 px a frame, measured on printed faces), and a
/// translation cannot fit a patch that a turn has foreshortened. Aligning the *first* frame's patch with an affine
/// warp, starting from where the frame-to-frame search found it, removes both errors (the drift correction of
/// Matthews, Ishikawa and Baker, "The Template Update Problem", PAMI 26(6), 2004). Forward additive rather than
/// inverse compositional: the image's gradients at the warped samples follow a steeply foreshortened patch, where
/// the template's own gradients (inverse compositional, measured 1.5 times as fast) left single points 3–4 px off on a print folded 30° and turned 35°.
/// </summary>
internal static class PatchAligner
{
    /// <summary>Gauss–Newton steps at most; from a start within a pixel or two it settles in a few.</summary>
    public const int MaxIterations = 15;

    /// <summary>Lowest normalised correlation of the aligned patch with the first one accepted as the same texture.</summary>
    public const float MinCorrelation = 0.8f;

    /// <summary>How far (grid steps) alignment may move a point from where the frame-to-frame search found it.</summary>
    public const float MaxShiftSteps = 3f;

    /// <summary>How far (grid steps, per unit of warp scale) around its start a sampler must reach: half the warped grid and the allowed shift.</summary>
    public const float ReachSteps = (Grid / 2) + 1 + MaxShiftSteps;

    private const int Side = TexturePatches.Side;
    private const int Samples = Side * Side;

    /// <summary>Samples per side of the warped grid: the patch and one more each side for the image's gradients.</summary>
    private const int Grid = Side + 2;

    /// <summary>
    /// Where the centre of <paramref name="template"/> (cut <paramref name="step"/> pixels apart) is in the frame of
    /// <paramref name="sampler"/>, starting at <paramref name="start"/> with <paramref name="warp"/> (earlier-frame
    /// pixels → this frame's pixels, the translation ignored); null when the alignment does not settle on the same
    /// texture (low correlation, a warp that folds or scales the patch's area by more than 4 either way, or a move of
    /// more than <see cref="MaxShiftSteps"/> steps).
    /// </summary>
    public static Vector2? Align(TextureSampler sampler, ReadOnlySpan<byte> template, float step, Vector2 start, Matrix3x2 warp)
    {
        const int half = Grid / 2;
        Span<float> offsets = stackalloc float[Grid * Grid * 2];
        Span<float> values = stackalloc float[Samples];
        for (var r = 0; r < Grid; r++)
        {
            for (var k = 0; k < Grid; k++)
            {
                (offsets[2 * ((r * Grid) + k)], offsets[(2 * ((r * Grid) + k)) + 1]) = ((k - half) * step, (r - half) * step);
            }
        }
        for (var i = 0; i < Samples; i++)
        {
            values[i] = template[i];
        }
        // W(u, v) = (x + a·u + b·v, y + c·u + d·v), u and v in earlier-frame pixels from the patch's centre.
        var (x, y, a, b, c, d) = ((double)start.X, (double)start.Y, (double)warp.M11, (double)warp.M21, (double)warp.M12, (double)warp.M22);
        Span<float> grid = stackalloc float[Grid * Grid];
        Span<float> samples = stackalloc float[Samples];
        Span<double> normal = stackalloc double[36];
        Span<double> target = stackalloc double[6];
        Span<double> row = stackalloc double[6];
        Span<double> delta = stackalloc double[36];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            if (!sampler.SampleWarped((float)x, (float)y, (float)a, (float)b, (float)c, (float)d, offsets, grid))
            {
                return null; // outside the frame's decoded pixels
            }
            Inner(grid, samples);
            var (gain, offset) = Photometric(samples, values);
            if (!(Math.Abs(gain) > 1e-3))
            {
                return null; // the samples do not vary with the template at all
            }
            // ∇I in this frame = W⁻ᵀ · ∂I/∂(earlier pixel), the latter by central differences along the warped grid.
            var det = (a * d) - (b * c);
            if (!(det > 0.25 && det < 4))
            {
                return null;
            }
            var (ia, ib, ic, id) = (d / det, -b / det, -c / det, a / det);
            normal.Clear();
            target.Clear();
            for (var r = 0; r < Side; r++)
            {
                for (var k = 0; k < Side; k++)
                {
                    var at = ((r + 1) * Grid) + k + 1;
                    var (gu, gv) = ((grid[at + 1] - grid[at - 1]) / (2.0 * step), (grid[at + Grid] - grid[at - Grid]) / (2.0 * step));
                    var (ix, iy) = ((ia * gu) + (ic * gv), (ib * gu) + (id * gv));
                    var (du, dv) = ((double)offsets[2 * at], (double)offsets[(2 * at) + 1]);
                    // The samples against the template under the current gain and offset (the template mapped onto the frame's levels).
                    var error = grid[at] - (((values[(r * Side) + k] - offset) / gain));
                    (row[0], row[1], row[2], row[3], row[4], row[5]) = (ix, iy, ix * du, ix * dv, iy * du, iy * dv);
                    for (var i = 0; i < 6; i++)
                    {
                        target[i] -= row[i] * error;
                        for (var j = i; j < 6; j++)
                        {
                            normal[(i * 6) + j] += row[i] * row[j];
                        }
                    }
                }
            }
            if (!Invert(normal, delta))
            {
                return null;
            }
            var (dx, dy, da, db, dc, dd) = (Dot(delta, 0, target), Dot(delta, 1, target), Dot(delta, 2, target), Dot(delta, 3, target), Dot(delta, 4, target), Dot(delta, 5, target));
            (x, y, a, b, c, d) = (x + dx, y + dy, a + da, b + db, c + dc, d + dd);
            // Settled: the centre moves less than 0.02 px and the patch's corners less than 0.05 px, well inside the
            // tracking noise (0.2–0.4 px RMS on printed faces).
            var corner = (Side / 2) * step * (Math.Abs(da) + Math.Abs(db) + Math.Abs(dc) + Math.Abs(dd));
            if (Math.Abs(dx) + Math.Abs(dy) < 0.02 && corner < 0.05)
            {
                break;
            }
        }
        var found = new Vector2((float)x, (float)y);
        var area = (a * d) - (b * c);
        if (!float.IsFinite(found.X) || !float.IsFinite(found.Y) || !(area > 0.25 && area < 4)
            || Vector2.Distance(found, start) > MaxShiftSteps * step
            || !sampler.SampleWarped(found.X, found.Y, (float)a, (float)b, (float)c, (float)d, offsets, grid))
        {
            return null;
        }
        Inner(grid, samples);
        return Correlation(samples, values) >= MinCorrelation ? found : null;
    }

    /// <summary>Row <paramref name="i"/> of a 6×6 matrix times a vector.</summary>
    private static double Dot(ReadOnlySpan<double> matrix, int i, ReadOnlySpan<double> vector)
    {
        double sum = 0;
        for (var j = 0; j < 6; j++)
        {
            sum += matrix[(i * 6) + j] * vector[j];
        }
        return sum;
    }

    /// <summary>The warped grid's inner samples: the patch itself, without the border kept for the gradients.</summary>
    private static void Inner(ReadOnlySpan<float> grid, Span<float> samples)
    {
        for (var r = 0; r < Side; r++)
        {
            grid.Slice(((r + 1) * Grid) + 1, Side).CopyTo(samples.Slice(r * Side, Side));
        }
    }

    /// <summary>Inverts a symmetric 6×6 matrix given by its upper triangle (row by row) by Gauss–Jordan elimination; false when singular.</summary>
    private static bool Invert(Span<double> upper, Span<double> inverse)
    {
        Span<double> m = stackalloc double[36];
        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 6; j++)
            {
                m[(i * 6) + j] = i <= j ? upper[(i * 6) + j] : upper[(j * 6) + i];
                inverse[(i * 6) + j] = i == j ? 1 : 0;
            }
        }
        for (var col = 0; col < 6; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < 6; r++)
            {
                pivot = Math.Abs(m[(r * 6) + col]) > Math.Abs(m[(pivot * 6) + col]) ? r : pivot;
            }
            if (Math.Abs(m[(pivot * 6) + col]) < 1e-12)
            {
                return false;
            }
            for (var c = 0; c < 6; c++)
            {
                (m[(col * 6) + c], m[(pivot * 6) + c]) = (m[(pivot * 6) + c], m[(col * 6) + c]);
                (inverse[(col * 6) + c], inverse[(pivot * 6) + c]) = (inverse[(pivot * 6) + c], inverse[(col * 6) + c]);
            }
            var scale = 1 / m[(col * 6) + col];
            for (var c = 0; c < 6; c++)
            {
                m[(col * 6) + c] *= scale;
                inverse[(col * 6) + c] *= scale;
            }
            for (var r = 0; r < 6; r++)
            {
                var f = m[(r * 6) + col];
                if (r == col || f == 0)
                {
                    continue;
                }
                for (var c = 0; c < 6; c++)
                {
                    m[(r * 6) + c] -= f * m[(col * 6) + c];
                    inverse[(r * 6) + c] -= f * inverse[(col * 6) + c];
                }
            }
        }
        return true;
    }

    /// <summary>Least-squares gain and offset taking the samples' grey levels to the template's.</summary>
    private static (double Gain, double Offset) Photometric(ReadOnlySpan<float> samples, ReadOnlySpan<float> template)
    {
        var m = Moments(samples, template);
        var gain = m.VarS > 1e-6 ? m.Cov / m.VarS : 1;
        return (gain, m.MeanT - (gain * m.MeanS));
    }

    /// <summary>Normalised cross-correlation of the samples with the template.</summary>
    private static double Correlation(ReadOnlySpan<float> samples, ReadOnlySpan<float> template)
    {
        var m = Moments(samples, template);
        return m.VarT > 1e-6 && m.VarS > 1e-6 ? m.Cov / Math.Sqrt(m.VarT * m.VarS) : 0;
    }

    /// <summary>Means, variances and covariance of the samples and the template.</summary>
    private static (double MeanS, double MeanT, double VarS, double VarT, double Cov) Moments(ReadOnlySpan<float> samples, ReadOnlySpan<float> template)
    {
        double s1 = 0, t1 = 0, ss = 0, tt = 0, st = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            double s = samples[i], t = template[i];
            (s1, t1, ss, tt, st) = (s1 + s, t1 + t, ss + (s * s), tt + (t * t), st + (s * t));
        }
        double n = samples.Length;
        var (ms, mt) = (s1 / n, t1 / n);
        return (ms, mt, (ss / n) - (ms * ms), (tt / n) - (mt * mt), (st / n) - (ms * mt));
    }
}
