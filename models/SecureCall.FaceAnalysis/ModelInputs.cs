using SecureCall.FaceAnalysis.Detection;
using SecureCall.FaceAnalysis.Imaging;

namespace SecureCall.FaceAnalysis;

/// <summary>Pre-processing per model, as the package does it (see MODELS.md).</summary>
public static class ModelInputs
{
    /// <summary>Whole frame stretched to 256×256, x/127.5 − 1.</summary>
    public static void BlazeFace(RgbaImage image, Span<float> destination) =>
        Resampler.ResizeRgb(image, new CropRect(0, 0, image.Width, image.Height), BlazeFaceAnchors.InputSize, 1 / 127.5f, -1f, destination);

    /// <summary>The face crop as [0,1] RGB (facemesh, antispoof, liveness).</summary>
    public static void UnitRgb(RgbaImage image, CropRect crop, int size, Span<float> destination) =>
        Resampler.ResizeRgb(image, crop, size, 1 / 255f, 0f, destination);

    /// <summary>The face crop as 0–255 RGB (faceres).</summary>
    public static void ByteRgb(RgbaImage image, CropRect crop, int size, Span<float> destination) =>
        Resampler.ResizeRgb(image, crop, size, 1f, 0f, destination);

    /// <summary>Grey, (g − 0.5)·2 (emotion).</summary>
    public static void Grey(RgbaImage image, CropRect crop, int size, Span<float> destination) =>
        Resampler.ResizeGrey(image, crop, size, destination);
}
