namespace SecureCall.Tests.Shared;

/// <summary>
/// What a real person and camera bring that the plain rendered head does not (issue 24, item 1): a resting face that
/// is not neutral (<paramref name="RestPose"/>: a natural smile, raised brows), the head off-centre
/// (<paramref name="ShiftX"/>, <paramref name="ShiftY"/>, pixels of a 640×480 frame) and rolled
/// (<paramref name="RollDegrees"/>), blinks at rest (<paramref name="BlinksPerMinute"/>) and a slow <paramref name="Drift"/>, dim and warm
/// light (<paramref name="Light"/>: gains of red, green and blue) that the camera's <paramref name="AutoExposure"/> brightens
/// again as a webcam does (its gain raises the image and the sensor noise with it; the warm cast stays), the camera's size (<paramref name="Width"/> ×
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
    bool AutoExposure = false,
    (float R, float G, float B) Light = default,
    int Width = RenderedHead.Width,
    int Height = RenderedHead.Height,
    int FramesPerSecond = RenderedHead.FramesPerSecond)
{
    /// <summary>The plain rendered head: neutral, centred, upright, no blinks at rest, even light, 640×480 at 15 frames/s.</summary>
    public static readonly CameraVariation None = new(HeadPose.Rest, Light: (1, 1, 1));

    /// <summary>
    /// The variation seen in people (issue 24): a slight smile and raised brows at rest, 60 px right and 30 px up, rolled
    /// 7°, 15 blinks a minute, light at two thirds with a warm cast that the camera's auto-exposure brightens (noise × 1.5); <paramref name="small"/> for a 320×240 camera,
    /// <paramref name="fast"/> for 30 frames/s.
    /// </summary>
    public static CameraVariation Genuine(bool small, bool fast) => new(
        new HeadPose(Smile: 0.3f, BrowsRaised: 0.3f), ShiftX: 60, ShiftY: -30, RollDegrees: 7, BlinksPerMinute: 15, Drift: true, AutoExposure: true,
        Light: (0.8f, 0.62f, 0.45f), Width: small ? 320 : 640, Height: small ? 240 : 480, FramesPerSecond: fast ? 30 : 15);

    /// <summary>The camera's gain on the light (1 without auto-exposure) and on the sensor noise.</summary>
    /// <remarks>
    /// The gain brings the brightest channel to 0.95 (a camera's exposure and tone curve do not clip skin that a brighter
    /// light would not: clipped colours are a screen cue, and a plain gain that restored the mean clipped the red of
    /// warm-lit skin until the screen gate refused every session); the sensor noise grows with the gain the dim light
    /// needs, 1 / its luminance.
    /// </remarks>
    public (float R, float G, float B, float Noise) Exposure()
    {
        if (!AutoExposure)
        {
            return (Light.R, Light.G, Light.B, 1);
        }
        var k = 0.95f / Math.Max(Light.R, Math.Max(Light.G, Light.B));
        return (Light.R * k, Light.G * k, Light.B * k, 1 / ((0.299f * Light.R) + (0.587f * Light.G) + (0.114f * Light.B)));
    }
}
