namespace SecureCall.FaceAnalysis.Imaging;

/// <summary>An integer pixel rectangle inside an image.</summary>
public readonly record struct CropRect(int Left, int Top, int Width, int Height)
{
    /// <summary>
    /// The crop used for a square face box: rounded (half up) to whole pixels, the origin clamped into
    /// the image and the size cut at the border, the same rule as the TF.js reference script.
    /// </summary>
    public static CropRect FromSquare(double centerX, double centerY, double side, int imageWidth, int imageHeight)
    {
        var top = (int)Math.Floor(centerY - (side / 2) + 0.5);
        var left = (int)Math.Floor(centerX - (side / 2) + 0.5);
        var size = (int)Math.Floor(side + 0.5);
        top = Math.Clamp(top, 0, imageHeight - 2);
        left = Math.Clamp(left, 0, imageWidth - 2);
        return new CropRect(left, top, Math.Max(1, Math.Min(size, imageWidth - left)), Math.Max(1, Math.Min(size, imageHeight - top)));
    }
}
