namespace SecureCall.Models.Tests.Conversion;

/// <summary>Straightforward NHWC implementations of TF ops, written from the TF definitions, to check the converter against.</summary>
public static class NhwcReference
{
    /// <summary>TF SAME: total padding max((out−1)·s + k − in, 0), the smaller half before.</summary>
    public static (int Out, int PadBefore) Padding(int size, int kernel, int stride, bool same)
    {
        if (!same)
        {
            return (((size - kernel) / stride) + 1, 0);
        }

        var output = (size + stride - 1) / stride;
        var total = Math.Max(((output - 1) * stride) + kernel - size, 0);
        return (output, total / 2);
    }

    /// <summary>Conv2D (multiplier = 0) or depthwise (filter [kh,kw,C,M]); returns [N,OH,OW,Cout].</summary>
    public static float[] Conv(float[] x, int[] xs, float[] filter, int[] fs, int stride, bool same, bool depthwise)
    {
        var (n, h, w, c) = (xs[0], xs[1], xs[2], xs[3]);
        var (kh, kw) = (fs[0], fs[1]);
        var cout = depthwise ? c * fs[3] : fs[3];
        var (oh, padTop) = Padding(h, kh, stride, same);
        var (ow, padLeft) = Padding(w, kw, stride, same);
        var y = new float[n * oh * ow * cout];
        for (var b = 0; b < n; b++)
        for (var oy = 0; oy < oh; oy++)
        for (var ox = 0; ox < ow; ox++)
        for (var o = 0; o < cout; o++)
        {
            double sum = 0;
            for (var ky = 0; ky < kh; ky++)
            for (var kx = 0; kx < kw; kx++)
            {
                var iy = (oy * stride) + ky - padTop;
                var ix = (ox * stride) + kx - padLeft;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                {
                    continue;
                }

                if (depthwise)
                {
                    var (ci, m) = (o / fs[3], o % fs[3]);
                    sum += x[(((b * h) + iy) * w + ix) * c + ci] * filter[(((ky * kw) + kx) * c + ci) * fs[3] + m];
                }
                else
                {
                    for (var ci = 0; ci < c; ci++)
                    {
                        sum += x[(((b * h) + iy) * w + ix) * c + ci] * filter[(((ky * kw) + kx) * c + ci) * cout + o];
                    }
                }
            }

            y[(((b * oh) + oy) * ow + ox) * cout + o] = (float)sum;
        }

        return y;
    }

    public static float[] MaxPool(float[] x, int[] xs, int k, int stride, bool same)
    {
        var (n, h, w, c) = (xs[0], xs[1], xs[2], xs[3]);
        var (oh, padTop) = Padding(h, k, stride, same);
        var (ow, padLeft) = Padding(w, k, stride, same);
        var y = new float[n * oh * ow * c];
        for (var b = 0; b < n; b++)
        for (var oy = 0; oy < oh; oy++)
        for (var ox = 0; ox < ow; ox++)
        for (var ci = 0; ci < c; ci++)
        {
            var best = float.NegativeInfinity;
            for (var ky = 0; ky < k; ky++)
            for (var kx = 0; kx < k; kx++)
            {
                var iy = (oy * stride) + ky - padTop;
                var ix = (ox * stride) + kx - padLeft;
                if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                {
                    best = MathF.Max(best, x[(((b * h) + iy) * w + ix) * c + ci]);
                }
            }

            y[(((b * oh) + oy) * ow + ox) * c + ci] = best;
        }

        return y;
    }

    public static float[] Random(int count, int seed, float lo = -1f, float hi = 1f)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => lo + ((hi - lo) * (float)random.NextDouble())).ToArray();
    }

    public static void AssertClose(float[] expected, float[] actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
