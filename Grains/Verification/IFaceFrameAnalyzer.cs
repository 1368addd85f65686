using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Verification;

/// <summary>
/// What <see cref="FaceInferenceGrain"/> and the verification sessions run on a frame: the ONNX face models
/// (<see cref="OnnxFaceFrameAnalyzer"/>) in every host. A silo service, not a grain: only silo composition can replace
/// it (the grain tests script measurements through it), never a caller with grain access.
/// </summary>
public interface IFaceFrameAnalyzer
{
    /// <summary>Analyses one frame; never throws for bad input, it answers with a typed status.</summary>
    Task<FaceInferenceResult> AnalyzeAsync(FaceInferenceRequest request);

    /// <summary>
    /// As <see cref="AnalyzeAsync"/>, but the requested spoof cues and embedding are left out of the result and
    /// measured later, in <see cref="AnalysedFrame.Cues"/>, so that the frame's geometry is answered without them.
    /// </summary>
    Task<AnalysedFrame> AnalyzeDeferringCuesAsync(FaceInferenceRequest request);
}
