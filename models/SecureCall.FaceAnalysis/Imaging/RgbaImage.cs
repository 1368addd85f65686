namespace SecureCall.FaceAnalysis.Imaging;

/// <summary>A decoded frame, 8-bit RGBA rows without padding.</summary>
public sealed class RgbaImage(int width, int height, byte[] pixels)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public byte[] Pixels { get; } = pixels;

    /// <summary>Builds an image from tightly packed RGB bytes (e.g. another decoder's output).</summary>
    public static RgbaImage FromRgb(int width, int height, ReadOnlySpan<byte> rgb)
    {
        var pixels = new byte[width * height * 4];
        for (var i = 0; i < width * height; i++)
        {
            pixels[4 * i] = rgb[3 * i];
            pixels[(4 * i) + 1] = rgb[(3 * i) + 1];
            pixels[(4 * i) + 2] = rgb[(3 * i) + 2];
            pixels[(4 * i) + 3] = 255;
        }

        return new RgbaImage(width, height, pixels);
    }
}
