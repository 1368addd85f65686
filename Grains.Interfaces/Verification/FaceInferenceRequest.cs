namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>
/// One encoded frame (JPEG/PNG/WebP) to analyse. <paramref name="PreviousMesh"/> (468×xyz from the previous result)
/// lets the worker track instead of detect and measure motion; the worker itself keeps no state.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.face-inference-request")]
public sealed record FaceInferenceRequest(
    [property: Id(0)] byte[] Frame,
    [property: Id(1)] long TimestampMs,
    [property: Id(2)] bool Track,
    [property: Id(3)] bool WantEmbedding,
    [property: Id(4)] float[]? PreviousMesh);
