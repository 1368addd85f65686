using System.Runtime.InteropServices;
using SkiaSharp;

namespace SecureCall.FaceAnalysis.Imaging;

/// <summary>
/// Decodes JPEG/PNG/WebP frames with SkiaSharp. Size and dimensions are checked before any pixel
/// memory is allocated, so a header claiming 30000×30000 costs nothing.
/// </summary>
public sealed class FrameDecoder(FaceAnalysisOptions options)
{
    // JPEG decoding blends neighbouring chroma samples when upsampling, and libjpeg-turbo widens a column crop
    // to whole 16-pixel MCUs: decoding this far beyond a window keeps every pixel inside it identical to a full decode.
    private const int WindowMargin = 16;

    /// <summary>
    /// Decodes the frame. With <paramref name="window"/> (given the frame's width and height, it names the pixels
    /// the caller will read) a JPEG is decoded only there: rows above are skipped, rows below never touched and
    /// columns outside cropped, which is what makes a tracked frame cheap. Other formats decode whole.
    /// </summary>
    public FrameDecodeResult Decode(ReadOnlySpan<byte> frame, Func<int, int, CropRect>? window = null)
    {
        if (frame.IsEmpty)
        {
            return FrameDecodeResult.Bad(BadFrameReason.Empty);
        }

        if (frame.Length > options.MaxFrameBytes)
        {
            return FrameDecodeResult.Bad(BadFrameReason.TooLarge);
        }

        using var data = SKData.CreateCopy(frame);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return FrameDecodeResult.Bad(BadFrameReason.NotAnImage);
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        // Below this no face can be found, and crop arithmetic needs at least two pixels per side.
        if (width < options.MinDimension || height < options.MinDimension)
        {
            return FrameDecodeResult.Bad(BadFrameReason.DimensionsTooSmall);
        }

        if (width > options.MaxDimension || height > options.MaxDimension || (long)width * height > options.MaxPixels)
        {
            return FrameDecodeResult.Bad(BadFrameReason.DimensionsTooLarge);
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var image = RgbaImage.Rent(width, height);
        var handle = GCHandle.Alloc(image.Pixels, GCHandleType.Pinned);
        SKCodecResult result;
        try
        {
            result = window is not null && codec.EncodedFormat == SKEncodedImageFormat.Jpeg
                ? DecodeWindow(codec, info, image, handle.AddrOfPinnedObject(), window(width, height))
                : codec.GetPixels(info, handle.AddrOfPinnedObject());
        }
        finally
        {
            handle.Free();
        }

        if (result == SKCodecResult.Success)
        {
            return FrameDecodeResult.Ok(image);
        }

        image.Dispose();
        return FrameDecodeResult.Bad(result == SKCodecResult.IncompleteInput ? BadFrameReason.Truncated : BadFrameReason.Corrupt);
    }

    private static SKCodecResult DecodeWindow(SKCodec codec, SKImageInfo info, RgbaImage image, IntPtr pixels, CropRect window)
    {
        var left = Math.Clamp(window.Left - WindowMargin, 0, info.Width - 1);
        var top = Math.Clamp(window.Top - WindowMargin, 0, info.Height - 1);
        var right = Math.Clamp(window.Left + window.Width + WindowMargin, left + 1, info.Width);
        var bottom = Math.Clamp(window.Top + window.Height + WindowMargin, top + 1, info.Height);

        // Skia crops scanline decodes in x only (rows are skipped instead); each output row is the subset's width.
        var columns = new SKCodecOptions(new SKRectI(left, 0, right, info.Height));
        if (codec.StartScanlineDecode(info, columns) != SKCodecResult.Success || codec.ScanlineOrder != SKCodecScanlineOrder.TopDown)
        {
            return codec.GetPixels(info, pixels);
        }

        var rowBytes = info.Width * 4;
        var first = pixels + (top * rowBytes) + (left * 4);
        if (!codec.SkipScanlines(top) || codec.GetScanlines(first, bottom - top, rowBytes) != bottom - top)
        {
            return SKCodecResult.IncompleteInput;
        }

        image.Decoded = new CropRect(left, top, right - left, bottom - top);
        return SKCodecResult.Success;
    }
}
