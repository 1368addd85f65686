namespace SecureCall.Tests.Shared;

/// <summary>
/// A pose of the rendered head: rotation in degrees and how far each facial movement has gone (0 = rest, 1 = full).
/// </summary>
/// <param name="Yaw">Turn, degrees; positive = the person turns to their left (the nose moves to the image's right).</param>
/// <param name="Pitch">Nod, degrees; positive = the person looks up.</param>
/// <param name="EyesClosed">0 open, 1 lids shut.</param>
/// <param name="MouthOpen">0 closed, 1 jaw dropped.</param>
/// <param name="BrowsRaised">0 resting, 1 raised.</param>
/// <param name="Smile">0 resting, 1 mouth corners drawn out and up.</param>
/// <param name="ShiftX">Sideways shift of the head in the frame, pixels.</param>
/// <param name="ShiftY">Vertical shift of the head in the frame, pixels.</param>
public sealed record HeadPose(
    float Yaw = 0,
    float Pitch = 0,
    float EyesClosed = 0,
    float MouthOpen = 0,
    float BrowsRaised = 0,
    float Smile = 0,
    float ShiftX = 0,
    float ShiftY = 0)
{
    public static readonly HeadPose Rest = new();

    /// <summary>This pose moved towards <paramref name="target"/> by <paramref name="t"/> (0 = this, 1 = target).</summary>
    public HeadPose Towards(HeadPose target, float t) => new(
        Lerp(Yaw, target.Yaw, t), Lerp(Pitch, target.Pitch, t), Lerp(EyesClosed, target.EyesClosed, t), Lerp(MouthOpen, target.MouthOpen, t),
        Lerp(BrowsRaised, target.BrowsRaised, t), Lerp(Smile, target.Smile, t), Lerp(ShiftX, target.ShiftX, t), Lerp(ShiftY, target.ShiftY, t));

    /// <summary>The sum of two poses (a gesture plus the small tremor of a person holding still).</summary>
    public HeadPose Plus(HeadPose other) => new(
        Yaw + other.Yaw, Pitch + other.Pitch, EyesClosed + other.EyesClosed, MouthOpen + other.MouthOpen,
        BrowsRaised + other.BrowsRaised, Smile + other.Smile, ShiftX + other.ShiftX, ShiftY + other.ShiftY);

    private static float Lerp(float a, float b, float t) => a + (b - a) * t;
}
