using System.Numerics;
using SecureCall.FaceAnalysis.Measures;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Least-squares plane-to-plane maps between two sets of corresponding 2-D points: a homography (how any plane, such
/// as a print held at any angle, moves under a pinhole camera) and a similarity (shift, turn, zoom). Points are
/// Hartley-normalised (centroid at 0, mean distance √2) before the 8×8 solve, so the fit does not depend on units.
/// </summary>
public static class PlanarFit
{
    /// <summary>RMS distance between <paramref name="to"/> and the best homography image of <paramref name="from"/>; +∞ when under-determined.</summary>
    public static float HomographyResidual(IReadOnlyList<Vector2> from, IReadOnlyList<Vector2> to)
    {
        if (from.Count != to.Count || from.Count < 5)
        {
            return float.PositiveInfinity;
        }
        var (a, _, _) = Normalise(from);
        var (b, _, tb) = Normalise(to);
        // h33 = 1: eight unknowns, two equations per point; normal equations AᵀA h = Aᵀy.
        var ata = new double[8, 8];
        var aty = new double[8];
        for (var i = 0; i < a.Length; i++)
        {
            var (x, y, u, v) = (a[i].X, a[i].Y, b[i].X, b[i].Y);
            Accumulate(ata, aty, [x, y, 1, 0, 0, 0, -u * x, -u * y], u);
            Accumulate(ata, aty, [0, 0, 0, x, y, 1, -v * x, -v * y], v);
        }
        if (LinearSystem.Solve(ata, aty) is not { } h)
        {
            return float.PositiveInfinity;
        }
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var w = (h[6] * a[i].X) + (h[7] * a[i].Y) + 1;
            var u = ((h[0] * a[i].X) + (h[1] * a[i].Y) + h[2]) / w;
            var v = ((h[3] * a[i].X) + (h[4] * a[i].Y) + h[5]) / w;
            sum += ((u - b[i].X) * (u - b[i].X)) + ((v - b[i].Y) * (v - b[i].Y));
        }
        // Back to the units of `to`: the normalisation scaled them by tb.
        return (float)(Math.Sqrt(sum / a.Length) / tb);
    }

    /// <summary>RMS distance between <paramref name="to"/> and the best similarity image of <paramref name="from"/> (Procrustes).</summary>
    public static float SimilarityResidual(IReadOnlyList<Vector2> from, IReadOnlyList<Vector2> to)
    {
        var n = from.Count;
        var ca = Centroid(from);
        var cb = Centroid(to);
        double sxx = 0, sxy = 0, norm = 0;
        for (var i = 0; i < n; i++)
        {
            var p = from[i] - ca;
            var q = to[i] - cb;
            sxx += (p.X * q.X) + (p.Y * q.Y);
            sxy += (p.X * q.Y) - (p.Y * q.X);
            norm += (p.X * p.X) + (p.Y * p.Y);
        }
        if (norm <= 0)
        {
            return float.PositiveInfinity;
        }
        var (c, s) = (sxx / norm, sxy / norm);
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var p = from[i] - ca;
            var q = to[i] - cb;
            var dx = (c * p.X) - (s * p.Y) - q.X;
            var dy = (s * p.X) + (c * p.Y) - q.Y;
            sum += (dx * dx) + (dy * dy);
        }
        return (float)Math.Sqrt(sum / n);
    }

    private static Vector2 Centroid(IReadOnlyList<Vector2> points)
    {
        var sum = Vector2.Zero;
        foreach (var p in points)
        {
            sum += p;
        }
        return sum / points.Count;
    }

    /// <summary>Hartley normalisation: the points moved to their centroid and scaled to a mean distance of √2 (p' = (p − centre)·scale).</summary>
    internal static (Vector2[] Points, Vector2 Centre, float Scale) Normalise(IReadOnlyList<Vector2> points)
    {
        var centre = Centroid(points);
        var mean = points.Average(p => Vector2.Distance(p, centre));
        var scale = mean > 0 ? MathF.Sqrt(2) / mean : 1;
        return (points.Select(p => (p - centre) * scale).ToArray(), centre, scale);
    }

    /// <summary>Adds one equation (its coefficients and right-hand side) to the normal equations AᵀA h = Aᵀy.</summary>
    internal static void Accumulate(double[,] ata, double[] aty, ReadOnlySpan<double> row, double target)
    {
        for (var r = 0; r < row.Length; r++)
        {
            aty[r] += row[r] * target;
            for (var c = 0; c < row.Length; c++)
            {
                ata[r, c] += row[r] * row[c];
            }
        }
    }
}
