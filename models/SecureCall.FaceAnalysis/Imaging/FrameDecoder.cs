using System.Runtime.InteropServices;
using SkiaSharp;

namespace SecureCall.FaceAnalysis.Imaging;

/// <summary>
/// Decodes JPEG/PNG/WebP frames with SkiaSharp. Size and dimensions are checked before any pixel
/// memory is allocated, so a header claiming 30000×30000 costs nothing.
/// </summary>
public sealed class FrameDecoder(FaceAnalysisOptions options)
{
    public FrameDecodeResult Decode(ReadOnlySpan<byte> frame)
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
            result = codec.GetPixels(info, handle.AddrOfPinnedObject());
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
}
