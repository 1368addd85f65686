using SecureCall.FaceAnalysis.Imaging;

namespace SecureCall.FaceAnalysis.Tracking;

/// <summary>Bilinear grey samples (0.299 R + 0.587 G + 0.114 B) of a frame, NaN outside its decoded pixels.</summary>
internal static class TextureSampler
{
    /// <summary>Fills <paramref name="grid"/> (side × side) with samples centred on (x, y), <paramref name="step"/> pixels apart.</summary>
    public static void Sample(RgbaImage image, float x, float y, float step, int side, Span<float> grid)
    {
        var half = (side - 1) / 2f;
        for (var r = 0; r < side; r++)
        {
            for (var c = 0; c < side; c++)
            {
                grid[(r * side) + c] = Grey(image, x + ((c - half) * step), y + ((r - half) * step));
            }
        }
    }

    private static float Grey(RgbaImage image, float x, float y)
    {
        var d = image.Decoded;
        var (x0, y0) = ((int)MathF.Floor(x), (int)MathF.Floor(y));
        if (x0 < d.Left || y0 < d.Top || x0 + 1 >= d.Left + d.Width || y0 + 1 >= d.Top + d.Height)
        {
            return float.NaN;
        }
        var (fx, fy) = (x - x0, y - y0);
        var top = Lerp(Pixel(image, x0, y0), Pixel(image, x0 + 1, y0), fx);
        var bottom = Lerp(Pixel(image, x0, y0 + 1), Pixel(image, x0 + 1, y0 + 1), fx);
        return Lerp(top, bottom, fy);
    }

    private static float Pixel(RgbaImage image, int x, int y)
    {
        var i = ((y * image.Width) + x) * 4;
        var p = image.Pixels;
        return (0.299f * p[i]) + (0.587f * p[i + 1]) + (0.114f * p[i + 2]);
    }

    private static float Lerp(float a, float b, float t) => a + ((b - a) * t);
}
