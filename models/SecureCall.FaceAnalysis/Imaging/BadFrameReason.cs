namespace SecureCall.FaceAnalysis.Imaging;

/// <summary>Why a frame could not be used.</summary>
public enum BadFrameReason
{
    Empty,
    TooLarge,
    NotAnImage,
    DimensionsTooLarge,
    DimensionsTooSmall,
    Truncated,
    Corrupt,
}
