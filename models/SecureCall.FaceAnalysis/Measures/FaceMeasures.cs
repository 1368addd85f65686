namespace SecureCall.FaceAnalysis.Measures;

/// <summary>Geometric measures from one face mesh; ratios are scale-free.</summary>
/// <param name="Yaw">Head turn in degrees (positive = towards the image's right).</param>
/// <param name="Pitch">Head nod in degrees (positive = chin towards the camera / looking down).</param>
/// <param name="Roll">Head tilt in degrees (positive = clockwise in the image).</param>
/// <param name="RightEyeAspectRatio">Eye opening / eye width; drops towards 0 in a blink.</param>
/// <param name="LeftEyeAspectRatio">As above for the subject's left eye.</param>
/// <param name="MouthOpening">Inner-lip gap / mouth width.</param>
/// <param name="Smile">Mouth width / face width; grows with a smile.</param>
/// <param name="BrowRaise">Brow-to-eye distance / face height; grows when eyebrows rise.</param>
/// <param name="DepthSpread">Standard deviation of landmark depth / face width; near 0 for a flat picture.</param>
/// <param name="Motion">Mean landmark displacement since the previous frame / face width; null without a previous frame.</param>
public sealed record FaceMeasures(
    float Yaw,
    float Pitch,
    float Roll,
    float RightEyeAspectRatio,
    float LeftEyeAspectRatio,
    float MouthOpening,
    float Smile,
    float BrowRaise,
    float DepthSpread,
    float? Motion);
