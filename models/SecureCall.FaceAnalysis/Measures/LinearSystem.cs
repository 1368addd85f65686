namespace SecureCall.FaceAnalysis.Measures;

/// <summary>Small dense linear systems: the normal equations of the least-squares fits (homographies, folds, patch warps).</summary>
public static class LinearSystem
{
    /// <summary>Gaussian elimination with partial pivoting; null when singular. Overwrites its arguments.</summary>
    public static double[]? Solve(double[,] m, double[] y)
    {
        var n = y.Length;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = r;
                }
            }
            if (Math.Abs(m[pivot, col]) < 1e-12)
            {
                return null;
            }
            for (var c = 0; c < n; c++)
            {
                (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
            }
            (y[col], y[pivot]) = (y[pivot], y[col]);
            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                for (var c = col; c < n; c++)
                {
                    m[r, c] -= f * m[col, c];
                }
                y[r] -= f * y[col];
            }
        }
        var h = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = y[r];
            for (var c = r + 1; c < n; c++)
            {
                sum -= m[r, c] * h[c];
            }
            h[r] = sum / m[r, r];
        }
        return h;
    }
}
