namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>
/// One encoded frame (JPEG/PNG/WebP) to analyse. <paramref name="PreviousMesh"/> (468×xyz from the previous result)
/// lets the worker track instead of detect and measure motion; the worker itself keeps no state.
/// <paramref name="WantPatches"/> asks for texture patches; <paramref name="ReferencePatches"/> (from the previous frame,
/// cut at <paramref name="ReferencePoints"/>: x, y per landmark-subset point divided by the frame's longer side, NaN when
/// lost) are found again in this one (<see cref="FaceObservation.Tracked"/>), and new patches are cut where they were
/// found: the session follows the face's texture frame to frame. <paramref name="WantExpression"/> runs the emotion
/// model (<see cref="FaceObservation.Emotions"/> is empty otherwise), <paramref name="WantSpoofCues"/> the antispoof,
/// liveness and deepfake models and the screen cues (their fields of <see cref="FaceObservation"/> are null otherwise).
/// <paramref name="OriginPatches"/> (with their points) are the patches of the texture's first frame: each point found
/// frame to frame is aligned with its first patch, so <see cref="FaceObservation.Tracked"/> does not drift.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.face-inference-request")]
public sealed record FaceInferenceRequest(
    [property: Id(0)] byte[] Frame,
    [property: Id(1)] long TimestampMs,
    [property: Id(2)] bool Track,
    [property: Id(3)] bool WantEmbedding,
    [property: Id(4)] float[]? PreviousMesh,
    [property: Id(5)] bool WantPatches = false,
    [property: Id(6)] FacePatches? ReferencePatches = null,
    [property: Id(7)] float[]? ReferencePoints = null,
    [property: Id(8)] bool WantExpression = true,
    [property: Id(9)] bool WantSpoofCues = true,
    [property: Id(10)] FacePatches? OriginPatches = null);
