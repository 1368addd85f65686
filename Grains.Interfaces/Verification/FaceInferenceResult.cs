namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>The typed outcome of one frame: a face with its analysis and mesh, no face, or a bad frame with its reason.</summary>
[GenerateSerializer, Immutable, Alias("securecall.face-inference-result")]
public sealed record FaceInferenceResult(
    [property: Id(0)] FaceInferenceStatus Status,
    [property: Id(1)] string? Problem,
    [property: Id(2)] FaceObservation? Analysis,
    [property: Id(3)] float[]? Mesh,
    [property: Id(4)] FacePatches? Patches = null);

public enum FaceInferenceStatus
{
    Face = 1,
    NoFace = 2,
    BadFrame = 3,
    Busy = 4,
}
