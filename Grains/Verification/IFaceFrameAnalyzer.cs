using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Verification;

/// <summary>
/// What <see cref="FaceInferenceGrain"/> runs on a frame: the ONNX face models (<see cref="OnnxFaceFrameAnalyzer"/>)
/// in every host. A silo service, not a grain: only silo composition can replace it (the grain tests script
/// measurements through it), never a caller with grain access.
/// </summary>
public interface IFaceFrameAnalyzer
{
    /// <summary>Analyses one frame; never throws for bad input, it answers with a typed status.</summary>
    Task<FaceInferenceResult> AnalyzeAsync(FaceInferenceRequest request);
}
