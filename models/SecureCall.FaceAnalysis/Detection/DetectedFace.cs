namespace SecureCall.FaceAnalysis.Detection;

/// <summary>A detector box in image pixels (centre and size, before enlargement) with its score.</summary>
public sealed record DetectedFace(float CenterX, float CenterY, float Width, float Height, float Score)
{
    public float Left => CenterX - (Width / 2);

    public float Top => CenterY - (Height / 2);

    public float IntersectionOverUnion(DetectedFace other)
    {
        var x1 = MathF.Max(Left, other.Left);
        var y1 = MathF.Max(Top, other.Top);
        var x2 = MathF.Min(Left + Width, other.Left + other.Width);
        var y2 = MathF.Min(Top + Height, other.Top + other.Height);
        var intersection = MathF.Max(0, x2 - x1) * MathF.Max(0, y2 - y1);
        var union = (Width * Height) + (other.Width * other.Height) - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
