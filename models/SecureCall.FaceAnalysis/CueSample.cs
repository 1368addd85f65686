using SecureCall.FaceAnalysis.Imaging;
using SecureCall.FaceAnalysis.Measures;

namespace SecureCall.FaceAnalysis;

/// <summary>
/// The pixels a face's <see cref="FaceCues"/> are measured from (the face's crop and the screen cues' square around
/// its centre), copied out of the frame so that the cues can be measured after the frame's buffer went back to its
/// pool (<see cref="AnalysisRequest.DeferCues"/>). <see cref="FaceAnalyzer.MeasureCues"/> gives the same values it
/// would have given on the frame. Holds a pooled buffer (about 0.2–0.5 MB): measure it or dispose it.
/// </summary>
public sealed class CueSample : IDisposable
{
    private CueSample(RgbaImage pixels, CropRect crop, bool spoofCues, bool embedding)
    {
        Pixels = pixels;
        Crop = crop;
        SpoofCues = spoofCues;
        Embedding = embedding;
    }

    /// <summary>The antispoof, liveness and deepfake models and the screen cues are to be measured.</summary>
    public bool SpoofCues { get; }

    /// <summary>The face descriptor is to be computed.</summary>
    public bool Embedding { get; }

    internal RgbaImage Pixels { get; }

    /// <summary>The face's crop in <see cref="Pixels"/>' coordinates.</summary>
    internal CropRect Crop { get; }

    /// <summary>Copies the rectangle holding the crop and the screen cues' square out of <paramref name="frame"/>.</summary>
    internal static CueSample Copy(RgbaImage frame, CropRect crop, bool spoofCues, bool embedding)
    {
        var region = ScreenArtifacts.Window(frame, crop) is { } window ? Union(crop, window) : crop;
        var pixels = RgbaImage.Rent(region.Width, region.Height);
        var row = region.Width * 4;
        for (var y = 0; y < region.Height; y++)
        {
            Array.Copy(frame.Pixels, (((region.Top + y) * frame.Width) + region.Left) * 4, pixels.Pixels, y * row, row);
        }
        return new CueSample(pixels, crop with { Left = crop.Left - region.Left, Top = crop.Top - region.Top }, spoofCues, embedding);
    }

    public void Dispose() => Pixels.Dispose();

    private static CropRect Union(CropRect a, CropRect b)
    {
        var left = Math.Min(a.Left, b.Left);
        var top = Math.Min(a.Top, b.Top);
        return new CropRect(left, top, Math.Max(a.Left + a.Width, b.Left + b.Width) - left, Math.Max(a.Top + a.Height, b.Top + b.Height) - top);
    }
}
