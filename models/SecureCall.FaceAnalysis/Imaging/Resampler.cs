namespace SecureCall.FaceAnalysis.Imaging;

/// <summary>
/// Bilinear resize with TF's align_corners=false, half_pixel_centers=false convention
/// (source = destination·in/out, no half-pixel shift), which the models were fed with in TF.js.
/// </summary>
public static class Resampler
{
    /// <summary>
    /// Resizes <paramref name="crop"/> of <paramref name="image"/> to size×size and writes NHWC RGB
    /// values <c>v·scale + offset</c> into <paramref name="destination"/>.
    /// </summary>
    public static void ResizeRgb(RgbaImage image, CropRect crop, int size, float scale, float offset, Span<float> destination)
    {
        Sample(image, crop, size, (r, g, b, i, d) =>
        {
            d[3 * i] = (float)((r * scale) + offset);
            d[(3 * i) + 1] = (float)((g * scale) + offset);
            d[(3 * i) + 2] = (float)((b * scale) + offset);
        }, destination);
    }

    /// <summary>Grey (ITU-R 601 weights on [0,1] values) mapped to [-1,1], as the emotion model expects.</summary>
    public static void ResizeGrey(RgbaImage image, CropRect crop, int size, Span<float> destination)
    {
        Sample(image, crop, size, (r, g, b, i, d) =>
        {
            var grey = ((r * 0.2989) + (g * 0.587) + (b * 0.114)) / 255.0;
            d[i] = (float)((grey - 0.5) * 2);
        }, destination);
    }

    private delegate void PixelWriter(double r, double g, double b, int index, Span<float> destination);

    private static void Sample(RgbaImage image, CropRect crop, int size, PixelWriter write, Span<float> destination)
    {
        var pixels = image.Pixels;
        var stride = image.Width * 4;
        var rowRatio = crop.Height / (double)size;
        var colRatio = crop.Width / (double)size;
        for (var y = 0; y < size; y++)
        {
            var sourceRow = rowRatio * y;
            var rowFloor = (int)Math.Floor(sourceRow);
            var rowCeil = Math.Min(crop.Height - 1, (int)Math.Ceiling(sourceRow));
            var rowFrac = sourceRow - rowFloor;
            var top = (crop.Top + rowFloor) * stride;
            var bottom = (crop.Top + rowCeil) * stride;
            for (var x = 0; x < size; x++)
            {
                var sourceCol = colRatio * x;
                var colFloor = (int)Math.Floor(sourceCol);
                var colCeil = Math.Min(crop.Width - 1, (int)Math.Ceiling(sourceCol));
                var colFrac = sourceCol - colFloor;
                var left = (crop.Left + colFloor) * 4;
                var right = (crop.Left + colCeil) * 4;
                var r = Lerp(pixels, top, bottom, left, right, 0, rowFrac, colFrac);
                var g = Lerp(pixels, top, bottom, left, right, 1, rowFrac, colFrac);
                var b = Lerp(pixels, top, bottom, left, right, 2, rowFrac, colFrac);
                write(r, g, b, (y * size) + x, destination);
            }
        }
    }

    private static double Lerp(byte[] p, int top, int bottom, int left, int right, int channel, double rowFrac, double colFrac)
    {
        double topLeft = p[top + left + channel];
        double topRight = p[top + right + channel];
        double bottomLeft = p[bottom + left + channel];
        double bottomRight = p[bottom + right + channel];
        var upper = topLeft + ((topRight - topLeft) * colFrac);
        var lower = bottomLeft + ((bottomRight - bottomLeft) * colFrac);
        return upper + ((lower - upper) * rowFrac);
    }
}
