using SecureCall.FaceAnalysis;
using SecureCall.FaceAnalysis.Imaging;
using SecureCall.Models.Tests.Infrastructure;
using SkiaSharp;

namespace SecureCall.Models.Tests.FaceAnalysis;

/// <summary>Bad frames become typed errors, cheaply and without exceptions.</summary>
public sealed class FrameDecoderTests(FaceModelsFixture fixture) : IClassFixture<FaceModelsFixture>
{
    private readonly FrameDecoder _decoder = new(new FaceAnalysisOptions());

    private static byte[] SampleJpeg()
    {
        var path = FaceModelsFixture.SamplePhoto(1);
        Assert.True(File.Exists(path), $"{path} is missing: run models/prepare.sh");
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void ValidJpeg_Decodes()
    {
        var result = _decoder.Decode(SampleJpeg());

        Assert.Null(result.Error);
        Assert.Equal((1920, 1280), (result.Image!.Width, result.Image.Height));
    }

    [Theory]
    [InlineData(700, 300, 420, 420)] // a face in the middle
    [InlineData(0, 0, 300, 260)] // against the top-left corner
    [InlineData(1700, 1100, 220, 180)] // against the bottom-right corner
    public void WindowedJpegDecode_PixelsTheWindowCoversEqualAFullDecode(int left, int top, int width, int height)
    {
        var jpeg = SampleJpeg();
        var window = new CropRect(left, top, width, height);
        using var full = _decoder.Decode(jpeg).Image!;

        using var partial = _decoder.Decode(jpeg, (w, h) => window).Image!;

        Assert.False(partial.IsComplete);
        var decoded = partial.Decoded;
        Assert.True(decoded.Left <= left && decoded.Top <= top
            && decoded.Left + decoded.Width >= left + width && decoded.Top + decoded.Height >= top + height, $"{decoded} does not cover {window}");
        for (var y = top; y < top + height; y++)
        {
            var row = ((y * full.Width) + left) * 4;
            Assert.True(full.Pixels.AsSpan(row, width * 4).SequenceEqual(partial.Pixels.AsSpan(row, width * 4)), $"row {y} differs");
        }
    }

    [Fact]
    public void WindowedDecode_ReadingOutsideTheWindow_IsRefused()
    {
        using var partial = _decoder.Decode(SampleJpeg(), (w, h) => new CropRect(700, 300, 200, 200)).Image!;
        var buffer = new float[64 * 64];

        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.ResizeGrey(partial, new CropRect(100, 100, 200, 200), 64, buffer));
    }

    [Fact]
    public void WindowedDecode_OfATruncatedJpeg_IsRejected()
    {
        var jpeg = SampleJpeg();

        var result = _decoder.Decode(jpeg.AsSpan(0, jpeg.Length / 2), (w, h) => new CropRect(700, 900, 300, 300));

        Assert.Equal(BadFrameReason.Truncated, result.Error);
    }

    [Fact]
    public void Empty_IsRejected() => Assert.Equal(BadFrameReason.Empty, _decoder.Decode([]).Error);

    [Fact]
    public void OverSizeLimit_IsRejectedBeforeDecoding()
    {
        var frame = new byte[FaceAnalysisOptions.DefaultMaxFrameBytes + 1];
        SampleJpeg().CopyTo(frame, 0);

        Assert.Equal(BadFrameReason.TooLarge, _decoder.Decode(frame).Error);
    }

    [Fact]
    public void NonImageBytes_AreRejected()
    {
        var text = "{\"this\": \"is not an image\"}"u8.ToArray();
        var random = new byte[4096];
        new Random(42).NextBytes(random);

        Assert.Equal(BadFrameReason.NotAnImage, _decoder.Decode(text).Error);
        Assert.Equal(BadFrameReason.NotAnImage, _decoder.Decode(random).Error);
    }

    [Fact]
    public void TruncatedJpeg_IsRejected()
    {
        var jpeg = SampleJpeg();

        Assert.Equal(BadFrameReason.Truncated, _decoder.Decode(jpeg.AsSpan(0, jpeg.Length / 2)).Error);
    }

    [Fact]
    public void JpegWithGarbageAfterTheHeader_IsRejected()
    {
        var jpeg = SampleJpeg();
        var corrupt = jpeg.AsSpan(0, 2).ToArray().Concat(Enumerable.Repeat((byte)0x5A, 2048)).ToArray();

        Assert.NotNull(_decoder.Decode(corrupt).Error);
    }

    [Fact]
    public void HeaderClaiming30000x30000_IsRejectedWithoutAllocatingPixels()
    {
        var jpeg = WithDimensions(SampleJpeg(), 30000, 30000);
        _decoder.Decode(jpeg); // warm up Skia and the JIT so only this frame's allocations are counted

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = _decoder.Decode(jpeg);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(BadFrameReason.DimensionsTooLarge, result.Error);
        Assert.True(allocated < 1024 * 1024, $"rejecting the frame allocated {allocated} bytes");
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, 1, 1)]
    [InlineData(SKEncodedImageFormat.Webp, 8, 600)]
    public void TinyImage_IsRejected(SKEncodedImageFormat format, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.Gray);
        using var data = bitmap.Encode(format, 90);

        Assert.Equal(BadFrameReason.DimensionsTooSmall, _decoder.Decode(data.ToArray()).Error);
    }

    [Fact]
    public void PngAndWebp_Decode()
    {
        using var bitmap = new SKBitmap(64, 48);
        bitmap.Erase(SKColors.Coral);
        foreach (var format in new[] { SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp })
        {
            using var data = bitmap.Encode(format, 100);
            using var image = _decoder.Decode(data.ToArray()).Image!;

            Assert.Equal((64, 48), (image.Width, image.Height));
            Assert.InRange(image.Pixels[0], SKColors.Coral.Red - 2, SKColors.Coral.Red + 2);
        }
    }

    [Fact]
    public void Analyzer_ReturnsBadFrame_InsteadOfThrowing()
    {
        var analyzer = fixture.Analyzer();

        var result = analyzer.Analyze(SampleJpeg().AsSpan(0, 5000), new AnalysisRequest());

        Assert.Equal(AnalysisStatus.BadFrame, result.Status);
        Assert.Equal(BadFrameReason.Truncated, result.BadFrame);
        Assert.Null(result.Face);
    }

    /// <summary>Rewrites the height and width in the JPEG start-of-frame segment (SOF0–SOF2).</summary>
    private static byte[] WithDimensions(byte[] jpeg, int width, int height)
    {
        var copy = (byte[])jpeg.Clone();
        for (var i = 2; i + 9 < copy.Length; i++)
        {
            if (copy[i] == 0xFF && copy[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                copy[i + 5] = (byte)(height >> 8);
                copy[i + 6] = (byte)height;
                copy[i + 7] = (byte)(width >> 8);
                copy[i + 8] = (byte)width;
                return copy;
            }
        }

        throw new InvalidDataException("No start-of-frame marker in the sample JPEG.");
    }
}
