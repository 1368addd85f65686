namespace SecureCall.FaceAnalysis;

/// <summary>
/// What a face's crop says beyond its geometry: the spoof cues and the identity. A value is null when it was not
/// asked for (or, for <see cref="DeepfakeReal"/>, when the operator configured no deepfake model).
/// </summary>
/// <param name="Real">Anti-spoof score, 1 = real.</param>
/// <param name="Live">Liveness score, 1 = live.</param>
/// <param name="DeepfakeReal">The operator's deepfake detector, 1 = real.</param>
/// <param name="ScreenGrid">Pixel-grid (moiré) peak of the face, <see cref="Measures.ScreenArtifacts"/>.</param>
/// <param name="GamutClipped">Share of clipped face pixels, <see cref="Measures.ScreenArtifacts"/>.</param>
/// <param name="Embedding">The 1024-d face descriptor.</param>
public sealed record FaceCues(float? Real, float? Live, float? DeepfakeReal, float? ScreenGrid, float? GamutClipped, float[]? Embedding)
{
    public static FaceCues None { get; } = new(null, null, null, null, null, null);
}
