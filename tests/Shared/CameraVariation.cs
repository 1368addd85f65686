namespace SecureCall.Tests.Shared;

/// <summary>
/// What a real person and camera bring that the plain rendered head does not (issue 24, item 1): a resting face that
/// is not neutral (<paramref name="RestPose"/>: a natural smile, raised brows), the head off-centre
/// (<paramref name="ShiftX"/>, <paramref name="ShiftY"/>, pixels of a 640×480 frame) and rolled
/// (<paramref name="RollDegrees"/>), blinks at rest (<paramref name="BlinksPerMinute"/>) and a slow <paramref name="Drift"/>, dim and warm
/// light (<paramref name="Light"/>: gains of red, green and blue), the camera's size (<paramref name="Width"/> ×
/// <paramref name="Height"/>) and frame rate (<paramref name="FramesPerSecond"/>: a gesture of the same duration takes
/// twice the frames at 30).
/// </summary>
public sealed record CameraVariation(
    HeadPose RestPose,
    float ShiftX = 0,
    float ShiftY = 0,
    float RollDegrees = 0,
    float BlinksPerMinute = 0,
    bool Drift = false,
    (float R, float G, float B) Light = default,
    int Width = RenderedHead.Width,
    int Height = RenderedHead.Height,
    int FramesPerSecond = RenderedHead.FramesPerSecond)
{
    /// <summary>The plain rendered head: neutral, centred, upright, no blinks at rest, even light, 640×480 at 15 frames/s.</summary>
    public static readonly CameraVariation None = new(HeadPose.Rest, Light: (1, 1, 1));

    /// <summary>
    /// The variation seen in people (issue 24): a slight smile and raised brows at rest, 60 px right and 30 px up, rolled
    /// 7°, 15 blinks a minute, light at two thirds with a warm cast; <paramref name="small"/> for a 320×240 camera,
    /// <paramref name="fast"/> for 30 frames/s.
    /// </summary>
    public static CameraVariation Genuine(bool small, bool fast) => new(
        new HeadPose(Smile: 0.3f, BrowsRaised: 0.3f), ShiftX: 60, ShiftY: -30, RollDegrees: 7, BlinksPerMinute: 15, Drift: true,
        Light: (0.8f, 0.62f, 0.45f), Width: small ? 320 : 640, Height: small ? 240 : 480, FramesPerSecond: fast ? 30 : 15);
}
