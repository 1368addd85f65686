using SkiaSharp;

namespace SecureCall.Tests.Shared;

/// <summary>How a print was held for one frame: turned, folded (degrees) and swayed (millimetres).</summary>
public readonly record struct PrintPose(float Yaw, float Pitch, float Fold, SKPoint Sway);
