namespace SecureCall.FaceAnalysis.Imaging;

/// <summary>Either a decoded image or the reason the frame was rejected.</summary>
public sealed record FrameDecodeResult(RgbaImage? Image, BadFrameReason? Error)
{
    public static FrameDecodeResult Ok(RgbaImage image) => new(image, null);

    public static FrameDecodeResult Bad(BadFrameReason reason) => new(null, reason);
}
