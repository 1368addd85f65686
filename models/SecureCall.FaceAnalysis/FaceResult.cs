using SecureCall.FaceAnalysis.Imaging;
using SecureCall.FaceAnalysis.Measures;

namespace SecureCall.FaceAnalysis;

/// <summary>Everything measured on the analysed face.</summary>
/// <param name="Crop">The square-ish crop fed to the models, in image pixels.</param>
/// <param name="DetectionScore">Detector score, null when the crop came from tracking.</param>
/// <param name="FacesDetected">Faces the detector found (0 when tracked).</param>
/// <param name="FaceFlag">Face-mesh confidence that the crop holds a face.</param>
/// <param name="Mesh">468 landmarks in image pixels.</param>
/// <param name="Measures">Pose, blink, mouth, smile, brow, depth and motion.</param>
/// <param name="Emotions">Probabilities: angry, disgust, fear, happy, sad, surprise, neutral.</param>
/// <param name="Real">Anti-spoof score, 1 = real.</param>
/// <param name="Live">Liveness score, 1 = live.</param>
/// <param name="Embedding">1024-d descriptor when requested.</param>
/// <param name="DeepfakeReal">The operator's deepfake detector, 1 = real; null when none is configured.</param>
public sealed record FaceResult(
    CropRect Crop,
    float? DetectionScore,
    int FacesDetected,
    float FaceFlag,
    FaceMesh Mesh,
    FaceMeasures Measures,
    float[] Emotions,
    float Real,
    float Live,
    float[]? Embedding,
    float? DeepfakeReal = null)
{
    public static readonly string[] EmotionLabels = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"];

    public bool Tracked => DetectionScore is null;
}
