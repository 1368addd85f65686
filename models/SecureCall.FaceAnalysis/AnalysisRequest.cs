using SecureCall.FaceAnalysis.Measures;

namespace SecureCall.FaceAnalysis;

/// <summary>What to compute for one frame.</summary>
/// <param name="Mode">Detect or track.</param>
/// <param name="WantEmbedding">Run the (expensive) face descriptor.</param>
/// <param name="PreviousMesh">The last frame's mesh: the crop source in tracking mode, and the motion reference.</param>
public sealed record AnalysisRequest(AnalysisMode Mode = AnalysisMode.Detect, bool WantEmbedding = false, FaceMesh? PreviousMesh = null);
