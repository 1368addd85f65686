using SecureCall.FaceAnalysis.Imaging;
using System.Numerics;
using SecureCall.FaceAnalysis.Measures;
using SecureCall.FaceAnalysis.Tracking;

namespace SecureCall.FaceAnalysis;

/// <summary>Everything measured on the analysed face.</summary>
/// <param name="Crop">The square-ish crop fed to the models, in image pixels.</param>
/// <param name="DetectionScore">Detector score, null when the crop came from tracking.</param>
/// <param name="FacesDetected">Faces the detector found (0 when tracked).</param>
/// <param name="FaceFlag">Face-mesh confidence that the crop holds a face.</param>
/// <param name="Mesh">468 landmarks in image pixels.</param>
/// <param name="Measures">Pose, blink, mouth, smile, brow, depth and motion.</param>
/// <param name="Emotions">Probabilities: angry, disgust, fear, happy, sad, surprise, neutral; empty when not requested.</param>
/// <param name="Real">Anti-spoof score, 1 = real; null when the spoof cues were not requested.</param>
/// <param name="Live">Liveness score, 1 = live; null when the spoof cues were not requested.</param>
/// <param name="Embedding">1024-d descriptor when requested.</param>
/// <param name="DeepfakeReal">The operator's deepfake detector, 1 = real; null when none is configured or the spoof cues were not requested.</param>
/// <param name="FrameWidth">Width of the whole frame, pixels (for normalised landmark coordinates).</param>
/// <param name="FrameHeight">Height of the whole frame, pixels.</param>
/// <param name="Patches">Texture patches where the reference patches were found (or around the landmark subset), when requested.</param>
/// <param name="ScreenGrid">Pixel-grid (moiré) peak of the face, <see cref="ScreenArtifacts"/>; null when the spoof cues were not requested.</param>
/// <param name="GamutClipped">Share of clipped face pixels, <see cref="ScreenArtifacts"/>; null when the spoof cues were not requested.</param>
/// <param name="TrackedTexture">Where the request's reference patches are in this frame (pixels; NaN where not found), when given.</param>
/// <param name="PendingCues">
/// With <see cref="AnalysisRequest.DeferCues"/>: the pixels to measure the requested spoof cues and embedding from
/// (<see cref="FaceAnalyzer.MeasureCues"/>), which are null here; the receiver owns it.
/// </param>
public sealed record FaceResult(
    CropRect Crop,
    float? DetectionScore,
    int FacesDetected,
    float FaceFlag,
    FaceMesh Mesh,
    FaceMeasures Measures,
    float[] Emotions,
    float? Real,
    float? Live,
    float[]? Embedding,
    float? DeepfakeReal = null,
    int FrameWidth = 0,
    int FrameHeight = 0,
    TexturePatches? Patches = null,
    Vector2[]? TrackedTexture = null,
    float? ScreenGrid = null,
    float? GamutClipped = null,
    CueSample? PendingCues = null)
{
    public static readonly string[] EmotionLabels = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"];

    public bool Tracked => DetectionScore is null;
}
