using System.Buffers;
using System.Numerics;
using SecureCall.FaceAnalysis.Imaging;

namespace SecureCall.FaceAnalysis.Measures;

/// <summary>
/// Cues that a face is shown on a screen rather than present (issue 13, item 6), measured on the frame's own pixels
/// at native resolution (any resampling would blur away what they look for):
/// <list type="bullet">
/// <item>Pixel-grid energy: a screen's pixel and subpixel grid, filmed by a camera whose pixels do not line up with it,
/// folds into moiré: isolated strong peaks in the high spatial frequencies of the face. Skin, sensor noise and
/// blur give a smooth spectrum there. Measured as the strongest high-band peak over the band's median power
/// (log10), leaving out JPEG's 8-pixel block grid.</item>
/// <item>Gamut clipping: the share of face pixels with a channel at the end of its range: screens shown to a camera
/// are bright and saturated, and clip.</item>
/// </list>
/// </summary>
public static class ScreenArtifacts
{
    /// <summary>Side of the analysed square at the face's centre (native pixels; smaller faces use 64).</summary>
    public const int WindowSide = 128;

    /// <summary>Side of the analysed square for faces under 2 × <see cref="WindowSide"/> pixels wide.</summary>
    private const int SmallWindowSide = 64;

    private static readonly WindowTables Large = new(WindowSide);
    private static readonly WindowTables Small = new(SmallWindowSide);

    /// <summary>What the analysis of one window size reuses on every frame, computed once.</summary>
    private sealed class WindowTables(int side)
    {
        public int Side { get; } = side;

        /// <summary>sin²(π(x + ½)/side) for each x: the Hann window, squared, along one axis.</summary>
        public double[] HannSquared { get; } = BuildHann(side);

        /// <summary>
        /// Spectrum indices of the high band (0.2–0.5 cycles per pixel, half-plane u &lt; side/2), leaving out JPEG's
        /// 8×8 blocks, which put energy at multiples of 1/8 cycle per pixel: not a screen's doing.
        /// </summary>
        public int[] Band { get; } = BuildBand(side);

        /// <summary>e^(−2πik/n) for k &lt; n/2: every twiddle factor a side-point transform uses.</summary>
        public Complex[] Twiddles { get; } = BuildTwiddles(side);
    }

    /// <summary>(pixel-grid peak, log10 of peak / median high-band power; clipped share) of the face in <paramref name="crop"/>.</summary>
    public static (float GridPeak, float Clipped) Measure(RgbaImage image, CropRect crop)
    {
        if (Window(image, crop) is not { } window)
        {
            return (0, 0);
        }
        var tables = window.Width == WindowSide ? Large : Small;
        // 256 KiB for a 128-pixel window: pooled, as a fresh one per frame would land on the large-object heap.
        var grey = ArrayPool<Complex>.Shared.Rent(tables.Side * tables.Side);
        try
        {
            return MeasureWindow(image, window.Left, window.Top, tables, grey);
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(grey);
        }
    }

    /// <summary>
    /// The square <see cref="Measure"/> reads: at the crop's centre, moved into the decoded part of the frame; null
    /// when the decoded part is smaller than the square.
    /// </summary>
    internal static CropRect? Window(RgbaImage image, CropRect crop)
    {
        var side = crop.Width >= 2 * WindowSide ? WindowSide : SmallWindowSide;
        var d = image.Decoded;
        if (d.Width < side || d.Height < side)
        {
            return null;
        }
        var left = Math.Clamp(crop.Left + ((crop.Width - side) / 2), d.Left, d.Left + d.Width - side);
        var top = Math.Clamp(crop.Top + ((crop.Height - side) / 2), d.Top, d.Top + d.Height - side);
        return new CropRect(left, top, side, side);
    }

    private static (float GridPeak, float Clipped) MeasureWindow(RgbaImage image, int left, int top, WindowTables tables, Complex[] grey)
    {
        var side = tables.Side;
        var clipped = 0;
        double sum = 0;
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var i = (((top + y) * image.Width) + left + x) * 4;
                var (r, g, b) = (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]);
                clipped += Math.Max(r, Math.Max(g, b)) >= 254 || Math.Min(r, Math.Min(g, b)) <= 1 ? 1 : 0;
                var v = (0.299 * r) + (0.587 * g) + (0.114 * b);
                grey[(y * side) + x] = v;
                sum += v;
            }
        }
        var mean = sum / (side * side);
        // Hann window (squared): the crop's edges must not look like high frequencies.
        var hann = tables.HannSquared;
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                grey[(y * side) + x] = (grey[(y * side) + x].Real - mean) * hann[x] * hann[y];
            }
        }
        Fft2D(grey, tables);
        return (GridPeak(grey, tables.Band), clipped / (float)(side * side));
    }

    private static float GridPeak(Complex[] spectrum, int[] band)
    {
        var power = new double[band.Length];
        var peak = 0d;
        for (var k = 0; k < band.Length; k++)
        {
            var magnitude = spectrum[band[k]].Magnitude;
            power[k] = magnitude * magnitude;
            peak = Math.Max(peak, power[k]);
        }
        var median = Select(power, power.Length / 2);
        return median > 0 ? (float)Math.Log10(peak / median) : 0;
    }

    private static int[] BuildBand(int side)
    {
        var band = new List<int>();
        var block = side / 8;
        for (var v = 0; v < side; v++)
        {
            for (var u = 0; u < side / 2; u++)
            {
                var (fu, fv) = (u, v <= side / 2 ? v : v - side);
                var radius = Math.Sqrt((fu * fu) + (fv * fv)) / side;
                if (radius >= 0.2 && radius <= 0.5 && !NearMultiple(fu, block) && !NearMultiple(fv, block))
                {
                    band.Add((v * side) + u);
                }
            }
        }
        return [.. band];
    }

    /// <summary>The k-th smallest value (0-based), reordering <paramref name="values"/>: Hoare's selection, linear on average.</summary>
    private static double Select(double[] values, int k)
    {
        var (left, right) = (0, values.Length - 1);
        while (left < right)
        {
            var pivot = values[(left + right) >>> 1];
            var (i, j) = (left, right);
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }
                while (values[j] > pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                break;
            }
        }
        return values[k];
    }

    private static double[] BuildHann(int side) =>
        [.. Enumerable.Range(0, side).Select(x => Math.Sin(Math.PI * (x + 0.5) / side) * Math.Sin(Math.PI * (x + 0.5) / side))];

    private static bool NearMultiple(int frequency, int step)
    {
        var m = ((Math.Abs(frequency) % step) + step) % step;
        return m <= 1 || m >= step - 1;
    }

    /// <summary>
    /// In-place radix-2 FFT of the rows, then of the columns the band reads (u &lt; side/2: the other half-plane
    /// mirrors it for a real image); the remaining columns are left as row transforms.
    /// </summary>
    private static void Fft2D(Complex[] data, WindowTables tables)
    {
        var (side, twiddles) = (tables.Side, tables.Twiddles);
        var line = new Complex[side];
        for (var r = 0; r < side; r++)
        {
            Array.Copy(data, r * side, line, 0, side);
            Fft(line, twiddles);
            Array.Copy(line, 0, data, r * side, side);
        }
        for (var c = 0; c < side / 2; c++)
        {
            for (var r = 0; r < side; r++)
            {
                line[r] = data[(r * side) + c];
            }
            Fft(line, twiddles);
            for (var r = 0; r < side; r++)
            {
                data[(r * side) + c] = line[r];
            }
        }
    }

    private static Complex[] BuildTwiddles(int n) => [.. Enumerable.Range(0, n / 2).Select(k => Complex.FromPolarCoordinates(1, -2 * Math.PI * k / n))];

    private static void Fft(Complex[] a, Complex[] twiddles)
    {
        var n = a.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }
            j ^= bit;
            if (i < j)
            {
                (a[i], a[j]) = (a[j], a[i]);
            }
        }
        for (var length = 2; length <= n; length <<= 1)
        {
            var stride = n / length;
            for (var i = 0; i < n; i += length)
            {
                for (var k = 0; k < length / 2; k++)
                {
                    var (even, odd) = (a[i + k], a[i + k + (length / 2)] * twiddles[k * stride]);
                    (a[i + k], a[i + k + (length / 2)]) = (even + odd, even - odd);
                }
            }
        }
    }
}
