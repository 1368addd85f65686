using SecureCall.FaceAnalysis.Imaging;

namespace SecureCall.Models.Tests.FaceAnalysis;

/// <summary>Shifted, mirrored and brightened copies of a decoded image, for invariance tests.</summary>
public static class ImageVariants
{
    /// <summary>Content moved right/down by (dx, dy); the uncovered border is black.</summary>
    public static RgbaImage Shift(RgbaImage image, int dx, int dy)
    {
        var pixels = new byte[image.Pixels.Length];
        for (var y = Math.Max(0, dy); y < image.Height; y++)
        {
            var sourceRow = (y - dy) * image.Width * 4;
            var columns = image.Width - Math.Abs(dx);
            var sourceStart = sourceRow + (Math.Max(0, -dx) * 4);
            var targetStart = (y * image.Width * 4) + (Math.Max(0, dx) * 4);
            Array.Copy(image.Pixels, sourceStart, pixels, targetStart, columns * 4);
        }

        return new RgbaImage(image.Width, image.Height, pixels);
    }

    public static RgbaImage MirrorHorizontally(RgbaImage image)
    {
        var pixels = new byte[image.Pixels.Length];
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
        {
            Array.Copy(image.Pixels, ((y * image.Width) + x) * 4, pixels, ((y * image.Width) + (image.Width - 1 - x)) * 4, 4);
        }

        return new RgbaImage(image.Width, image.Height, pixels);
    }

    public static RgbaImage Brighten(RgbaImage image, float factor)
    {
        var pixels = image.Pixels.Select((v, i) => i % 4 == 3 ? v : (byte)Math.Min(255, (int)MathF.Round(v * factor))).ToArray();
        return new RgbaImage(image.Width, image.Height, pixels);
    }

    public static RgbaImage Uniform(int width, int height, byte grey) =>
        new(width, height, Enumerable.Range(0, width * height * 4).Select(i => i % 4 == 3 ? (byte)255 : grey).ToArray());
}
