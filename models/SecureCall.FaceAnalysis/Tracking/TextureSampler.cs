using System.Buffers;
using SecureCall.FaceAnalysis.Imaging;

namespace SecureCall.FaceAnalysis.Tracking;

/// <summary>
/// Bilinear grey samples (0.299 R + 0.587 G + 0.114 B) of a frame, NaN outside its decoded pixels. The grey levels of
/// the region the samples can reach are computed once (a patch search reads each pixel dozens of times), into a
/// pooled buffer (a face's region is a few hundred KiB, which would otherwise land on the large-object heap every frame).
/// </summary>
internal sealed class TextureSampler : IDisposable
{
    private readonly float[] _grey;
    private readonly int _left;
    private readonly int _top;
    private readonly int _width;
    private readonly int _height;

    /// <summary>
    /// A sampler for grids of <paramref name="side"/> samples, <paramref name="step"/> pixels apart, centred on any of
    /// <paramref name="centres"/> (non-finite centres are left out: their samples are NaN).
    /// </summary>
    public TextureSampler(RgbaImage image, IEnumerable<System.Numerics.Vector2> centres, float step, int side)
    {
        var reach = ((side - 1) / 2f * step) + 1;
        var (minX, minY, maxX, maxY) = (float.MaxValue, float.MaxValue, float.MinValue, float.MinValue);
        foreach (var c in centres.Where(c => float.IsFinite(c.X) && float.IsFinite(c.Y)))
        {
            (minX, minY, maxX, maxY) = (Math.Min(minX, c.X), Math.Min(minY, c.Y), Math.Max(maxX, c.X), Math.Max(maxY, c.Y));
        }
        var d = image.Decoded;
        // Every pixel a sample's bilinear neighbourhood can touch, within the decoded part of the frame.
        _left = Math.Max(d.Left, Floor(minX - reach));
        _top = Math.Max(d.Top, Floor(minY - reach));
        var right = Math.Min(d.Left + d.Width - 1, Floor(maxX + reach) + 1);
        var bottom = Math.Min(d.Top + d.Height - 1, Floor(maxY + reach) + 1);
        (_width, _height) = (Math.Max(0, right - _left + 1), Math.Max(0, bottom - _top + 1));
        _grey = ArrayPool<float>.Shared.Rent(_width * _height);
        var p = image.Pixels;
        for (var y = 0; y < _height; y++)
        {
            for (var x = 0; x < _width; x++)
            {
                var i = (((_top + y) * image.Width) + _left + x) * 4;
                _grey[(y * _width) + x] = (0.299f * p[i]) + (0.587f * p[i + 1]) + (0.114f * p[i + 2]);
            }
        }
    }

    public void Dispose() => ArrayPool<float>.Shared.Return(_grey);

    /// <summary>Fills <paramref name="grid"/> (side × side) with samples centred on (x, y), <paramref name="step"/> pixels apart.</summary>
    public void Sample(float x, float y, float step, int side, Span<float> grid)
    {
        var half = (side - 1) / 2f;
        for (var r = 0; r < side; r++)
        {
            for (var c = 0; c < side; c++)
            {
                grid[(r * side) + c] = Grey(x + ((c - half) * step), y + ((r - half) * step));
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="samples"/> with the grey levels at (x + a·u + b·v, y + c·u + d·v) for each (u, v) pair of
    /// <paramref name="offsets"/>: a patch under an affine warp. False when any sample falls outside the region held.
    /// </summary>
    public bool SampleWarped(float x, float y, float a, float b, float c, float d, ReadOnlySpan<float> offsets, Span<float> samples)
    {
        var (ox, oy) = (x - _left, y - _top);
        var (maxX, maxY) = (_width - 1, _height - 1);
        for (var i = 0; i < samples.Length; i++)
        {
            var (u, v) = (offsets[2 * i], offsets[(2 * i) + 1]);
            var (px, py) = (ox + (a * u) + (b * v), oy + (c * u) + (d * v));
            if (!(px >= 0 && py >= 0 && px < maxX && py < maxY))
            {
                return false; // outside, or not a number
            }
            var (x0, y0) = ((int)px, (int)py);
            var (fx, fy) = (px - x0, py - y0);
            var at = (y0 * _width) + x0;
            var top = Lerp(_grey[at], _grey[at + 1], fx);
            var bottom = Lerp(_grey[at + _width], _grey[at + _width + 1], fx);
            samples[i] = Lerp(top, bottom, fy);
        }
        return true;
    }

    private float Grey(float x, float y)
    {
        var (x0, y0) = (Floor(x) - _left, Floor(y) - _top);
        if (x0 < 0 || y0 < 0 || x0 + 1 >= _width || y0 + 1 >= _height)
        {
            return float.NaN;
        }
        var (fx, fy) = (x - (x0 + _left), y - (y0 + _top));
        var at = (y0 * _width) + x0;
        var top = Lerp(_grey[at], _grey[at + 1], fx);
        var bottom = Lerp(_grey[at + _width], _grey[at + _width + 1], fx);
        return Lerp(top, bottom, fy);
    }

    /// <summary>⌊v⌋, with NaN and values out of range landing far outside any frame.</summary>
    private static int Floor(float v) => float.IsFinite(v) ? (int)Math.Clamp(MathF.Floor(v), -1e9f, 1e9f) : int.MinValue / 2;

    private static float Lerp(float a, float b, float t) => a + ((b - a) * t);
}
