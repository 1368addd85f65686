using System.Numerics;
using SecureCall.FaceAnalysis.Measures;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Least-squares map of a print folded once: two planes meeting at a line. Seen from two camera poses, each plane
/// maps its points by its own homography, and the two differ by a rank-one term that vanishes on the image of the
/// planes' common line (Hartley and Zisserman, Multiple View Geometry, 2nd ed., §13.1, plane-induced homographies):
/// H₂ = H₁ + e·lᵀ, where l is the fold line in the first view and e the second view's epipole. Given the line, the
/// fit is linear: H₁'s eight unknowns (h₃₃ = 1) and e's three, from every point at once (those beyond the line through
/// H₂). Points are Hartley-normalised as in <see cref="PlanarFit"/>. Unlike two independent homographies (16
/// unknowns), the halves must agree along the fold, as paper does; that is what keeps a turning head, whose two
/// cheeks are nearly two planes but whose nose stands out from both, from fitting it. One instance serves one caller
/// at a time (it reuses its work arrays between lines).
/// </summary>
public sealed class FoldFit
{
    private const int Unknowns = 11;

    private readonly Vector2[] _from;
    private readonly Vector2[] _a;
    private readonly Vector2[] _b;
    private readonly Vector2 _centre;
    private readonly float _scale;
    private readonly float _toScale;

    /// <summary>The normal equations of H₁ over every point: the same whichever side of a fold a point lies on.</summary>
    private readonly double[,] _plane = new double[8, 8];
    private readonly double[] _planeTarget = new double[8];

    /// <summary>Work arrays of <see cref="Residual"/>, reused: it runs for every line tried (hundreds per judged turn).</summary>
    private readonly double[,] _m = new double[Unknowns, Unknowns];
    private readonly double[] _y = new double[Unknowns];
    private readonly double[] _beyond;

    /// <param name="from">Points in the first view.</param>
    /// <param name="to">The same points in the second view.</param>
    public FoldFit(IReadOnlyList<Vector2> from, IReadOnlyList<Vector2> to)
    {
        if (from.Count != to.Count)
        {
            throw new ArgumentException("Both views need the same points.", nameof(to));
        }
        _from = [.. from];
        _beyond = new double[from.Count];
        (_a, _centre, _scale) = PlanarFit.Normalise(from);
        (_b, _, _toScale) = PlanarFit.Normalise(to);
        for (var i = 0; i < _a.Length; i++)
        {
            var (x, y, u, v) = (_a[i].X, _a[i].Y, _b[i].X, _b[i].Y);
            PlanarFit.Accumulate(_plane, _planeTarget, [x, y, 1, 0, 0, 0, -u * x, -u * y], u);
            PlanarFit.Accumulate(_plane, _planeTarget, [0, 0, 0, x, y, 1, -v * x, -v * y], v);
        }
    }

    /// <summary>
    /// RMS distance between the second view's points and the best folded-plane image of the first view's, the fold
    /// along the line { p : normal·p = offset } of the first view (points beyond it lie on the second plane); +∞ when
    /// under-determined.
    /// </summary>
    public float Residual(Vector2 normal, float offset)
    {
        if (_a.Length < 6)
        {
            return float.PositiveInfinity;
        }
        // The fold line in normalised coordinates: normal·(p'/scale + centre) = offset; s = lᵀx for points beyond it,
        // 0 for the others (they stay on H₁).
        var (lx, ly, lc) = (normal.X / _scale, normal.Y / _scale, Vector2.Dot(normal, _centre) - offset);
        var (beyond, m, y) = (_beyond, _m, _y);
        Array.Clear(beyond);
        Array.Clear(m);
        Array.Clear(y);
        for (var r = 0; r < 8; r++)
        {
            y[r] = _planeTarget[r];
            for (var c = 0; c < 8; c++)
            {
                m[r, c] = _plane[r, c];
            }
        }
        // The equations u·(h₃ᵀx + e₃·s) = h₁ᵀx + e₁·s (and the same for v) add e₁, e₂, e₃ for points beyond the fold.
        Span<double> uRow = stackalloc double[Unknowns];
        Span<double> vRow = stackalloc double[Unknowns];
        for (var i = 0; i < _a.Length; i++)
        {
            if (Vector2.Dot(normal, _from[i]) <= offset)
            {
                continue;
            }
            var (x, yy, u, v) = (_a[i].X, _a[i].Y, _b[i].X, _b[i].Y);
            var s = beyond[i] = (lx * x) + (ly * yy) + lc;
            ((ReadOnlySpan<double>)[x, yy, 1, 0, 0, 0, -u * x, -u * yy, s, 0, -u * s]).CopyTo(uRow);
            ((ReadOnlySpan<double>)[0, 0, 0, x, yy, 1, -v * x, -v * yy, 0, s, -v * s]).CopyTo(vRow);
            // Only the entries that involve e: rows and columns 8–10 (the 8×8 block is already summed).
            for (var r = 0; r < Unknowns; r++)
            {
                for (var c = 8; c < Unknowns; c++)
                {
                    var d = (uRow[r] * uRow[c]) + (vRow[r] * vRow[c]);
                    m[r, c] += d;
                    if (r < 8)
                    {
                        m[c, r] += d;
                    }
                }
            }
            for (var r = 8; r < Unknowns; r++)
            {
                y[r] += (uRow[r] * u) + (vRow[r] * v);
            }
        }
        if (LinearSystem.Solve(m, y) is not { } h)
        {
            return float.PositiveInfinity;
        }
        double sum = 0;
        for (var i = 0; i < _a.Length; i++)
        {
            var (x, yy, s) = (_a[i].X, _a[i].Y, beyond[i]);
            var w = (h[6] * x) + (h[7] * yy) + 1 + (h[10] * s);
            var u = ((h[0] * x) + (h[1] * yy) + h[2] + (h[8] * s)) / w;
            var v = ((h[3] * x) + (h[4] * yy) + h[5] + (h[9] * s)) / w;
            sum += ((u - _b[i].X) * (u - _b[i].X)) + ((v - _b[i].Y) * (v - _b[i].Y));
        }
        return (float)(Math.Sqrt(sum / _a.Length) / _toScale);
    }
}
