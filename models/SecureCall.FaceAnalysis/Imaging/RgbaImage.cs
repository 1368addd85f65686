using System.Buffers;

namespace SecureCall.FaceAnalysis.Imaging;

/// <summary>
/// A decoded frame, 8-bit RGBA rows without padding. Frames decoded by <see cref="FrameDecoder"/>
/// borrow their pixel buffer from a pool (a 640×480 frame is 1.2 MB); dispose to give it back.
/// </summary>
public sealed class RgbaImage : IDisposable
{
    private byte[]? _rented;

    public RgbaImage(int width, int height, byte[] pixels)
        : this(width, height, pixels, rented: false)
    {
    }

    private RgbaImage(int width, int height, byte[] pixels, bool rented)
    {
        if (pixels.Length < width * height * 4)
        {
            throw new ArgumentException("Pixel buffer smaller than width·height·4.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
        Decoded = new CropRect(0, 0, width, height);
        _rented = rented ? pixels : null;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>
    /// The part of the frame that holds decoded pixels: all of it, unless the decoder was asked for one face's
    /// window only (see <see cref="FrameDecoder.Decode(ReadOnlySpan{byte}, Func{int, int, CropRect}?)"/>).
    /// Pixels outside are undefined, and the resampler refuses to read them.
    /// </summary>
    public CropRect Decoded { get; internal set; }

    /// <summary>True when every pixel of the frame was decoded.</summary>
    public bool IsComplete => Decoded.Width == Width && Decoded.Height == Height;

    /// <summary>RGBA bytes; may be longer than Width·Height·4 when pooled.</summary>
    public byte[] Pixels { get; }

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

    internal static RgbaImage Rent(int width, int height) =>
        new(width, height, ArrayPool<byte>.Shared.Rent(width * height * 4), rented: true);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _rented, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
