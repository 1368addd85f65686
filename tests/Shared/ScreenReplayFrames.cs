using SkiaSharp;

namespace SecureCall.Tests.Shared;

/// <summary>
/// A video replayed on a screen held in front of the webcam (issue 13, attack set): each source frame is shown on an
/// LCD (every pixel three vertical R, G, B subpixel stripes with a dark gap, bright and saturated as phones show
/// video, clipping), and the camera films the screen slightly turned and at a scale where the screen's pixel grid
/// does not line up with its own: that folds the grid into moiré. Sensor noise, then JPEG, as a webcam delivers it.
/// Fed with the rendered head's frames, it is the strongest replay: a recording of the person answering.
/// </summary>
public static class ScreenReplayFrames
{
    /// <summary>The frame as the webcam sees it on the screen; <paramref name="seed"/> varies the screen's pose.</summary>
    public static byte[] Film(byte[] sourceJpeg, int seed)
    {
        var random = new Random(seed);
        using var source = SKBitmap.Decode(sourceJpeg) ?? throw new ArgumentException("The frame does not decode.", nameof(sourceJpeg));
        using var screen = Display(source);
        using var surface = SKSurface.Create(new SKImageInfo(source.Width, source.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(20, 20, 24));
        // The screen at 1.2–1.45 camera pixels per screen pixel, turned 1–4°, centred on the frame.
        var scale = (1.2f + (0.25f * (float)random.NextDouble())) / 3;
        var angle = 1 + (3 * (float)random.NextDouble());
        canvas.Translate(source.Width / 2f, source.Height / 2f);
        canvas.RotateDegrees(random.Next(2) == 0 ? angle : -angle);
        canvas.Scale(scale);
        canvas.Translate(-screen.Width / 2f, -screen.Height / 2f);
        using var image = SKImage.FromBitmap(screen);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        using var filmed = surface.Snapshot();
        using var bitmap = SKBitmap.FromImage(filmed);
        var pixels = bitmap.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            var n = random.Next(-5, 6);
            var p = pixels[i];
            pixels[i] = new SKColor(Clamp(p.Red + n), Clamp(p.Green + n), Clamp(p.Blue + n), 255);
        }
        bitmap.Pixels = pixels;
        using var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return jpeg.ToArray();
    }

    /// <summary>The source on an LCD: 3×3 screen samples per pixel (R, G, B columns, the last row dark), contrast and saturation up.</summary>
    private static SKBitmap Display(SKBitmap source)
    {
        var screen = new SKBitmap(source.Width * 3, source.Height * 3, SKColorType.Rgba8888, SKAlphaType.Premul);
        var input = source.Pixels;
        var output = new SKColor[screen.Width * screen.Height];
        for (var y = 0; y < source.Height; y++)
        {
            for (var x = 0; x < source.Width; x++)
            {
                var c = input[(y * source.Width) + x];
                var (r, g, b) = (Boost(c.Red), Boost(c.Green), Boost(c.Blue));
                for (var sy = 0; sy < 2; sy++)
                {
                    var row = (((3 * y) + sy) * screen.Width) + (3 * x);
                    output[row] = new SKColor(r, 0, 0);
                    output[row + 1] = new SKColor(0, g, 0);
                    output[row + 2] = new SKColor(0, 0, b);
                }
            }
        }
        screen.Pixels = output;
        return screen;
    }

    /// <summary>Screens shown to a camera are bright: ×1.25 around mid-grey, clipped.</summary>
    private static byte Boost(byte v) => Clamp((int)(((v - 128) * 1.25f) + 150));

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);
}
