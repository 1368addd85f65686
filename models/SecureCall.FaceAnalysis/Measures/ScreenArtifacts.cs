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

    /// <summary>(pixel-grid peak, log10 of peak / median high-band power; clipped share) of the face in <paramref name="crop"/>.</summary>
    public static (float GridPeak, float Clipped) Measure(RgbaImage image, CropRect crop)
    {
        var side = crop.Width >= 2 * WindowSide ? WindowSide : 64;
        var d = image.Decoded;
        if (d.Width < side || d.Height < side)
        {
            return (0, 0);
        }
        var left = Math.Clamp(crop.Left + ((crop.Width - side) / 2), d.Left, d.Left + d.Width - side);
        var top = Math.Clamp(crop.Top + ((crop.Height - side) / 2), d.Top, d.Top + d.Height - side);
        var grey = new Complex[side * side];
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
        var mean = sum / grey.Length;
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                // Hann window: the crop's edges must not look like high frequencies.
                var w = Math.Sin(Math.PI * (x + 0.5) / side) * Math.Sin(Math.PI * (y + 0.5) / side);
                grey[(y * side) + x] = (grey[(y * side) + x].Real - mean) * w * w;
            }
        }
        Fft2D(grey, side);
        return (GridPeak(grey, side), clipped / (float)(side * side));
    }

    private static float GridPeak(Complex[] spectrum, int side)
    {
        var band = new List<double>();
        var block = side / 8;
        for (var v = 0; v < side; v++)
        {
            for (var u = 0; u < side / 2; u++)
            {
                var (fu, fv) = (u, v <= side / 2 ? v : v - side);
                var radius = Math.Sqrt((fu * fu) + (fv * fv)) / side;
                // JPEG's 8×8 blocks put energy at multiples of 1/8 cycle per pixel: not a screen's doing.
                if (radius < 0.2 || radius > 0.5 || NearMultiple(fu, block) || NearMultiple(fv, block))
                {
                    continue;
                }
                band.Add(spectrum[(v * side) + u].Magnitude * spectrum[(v * side) + u].Magnitude);
            }
        }
        band.Sort();
        var median = band[band.Count / 2];
        return median > 0 ? (float)Math.Log10(band[^1] / median) : 0;
    }

    private static bool NearMultiple(int frequency, int step)
    {
        var m = ((Math.Abs(frequency) % step) + step) % step;
        return m <= 1 || m >= step - 1;
    }

    /// <summary>In-place radix-2 FFT of the rows, then the columns.</summary>
    private static void Fft2D(Complex[] data, int side)
    {
        var line = new Complex[side];
        for (var r = 0; r < side; r++)
        {
            Array.Copy(data, r * side, line, 0, side);
            Fft(line);
            Array.Copy(line, 0, data, r * side, side);
        }
        for (var c = 0; c < side; c++)
        {
            for (var r = 0; r < side; r++)
            {
                line[r] = data[(r * side) + c];
            }
            Fft(line);
            for (var r = 0; r < side; r++)
            {
                data[(r * side) + c] = line[r];
            }
        }
    }

    private static void Fft(Complex[] a)
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
            var angle = -2 * Math.PI / length;
            var step = new Complex(Math.Cos(angle), Math.Sin(angle));
            for (var i = 0; i < n; i += length)
            {
                var w = Complex.One;
                for (var k = 0; k < length / 2; k++)
                {
                    var (even, odd) = (a[i + k], a[i + k + (length / 2)] * w);
                    (a[i + k], a[i + k + (length / 2)]) = (even + odd, even - odd);
                    w *= step;
                }
            }
        }
    }
}
