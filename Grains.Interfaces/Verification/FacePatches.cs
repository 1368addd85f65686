namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>
/// Grey texture patches a frame's analysis cut around its landmark subset (the face library's <c>TexturePatches</c>:
/// 15×15 samples per point, <paramref name="Step"/> pixels apart), so a later frame's analysis can find the same
/// texture again; <paramref name="Points"/> are where they are centred (x, y per landmark-subset point, divided by the
/// frame's longer side), the next frame's search starts. Kept in the session's memory for one challenge, never stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.face-patches")]
public sealed record FacePatches(
    [property: Id(0)] float Step,
    [property: Id(1)] byte[] Grey,
    [property: Id(2)] float[]? Points = null);
