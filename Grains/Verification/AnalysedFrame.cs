using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Verification;

/// <summary>
/// A frame's analysis in two parts: the geometry now, and the spoof cues and embedding it was asked for later
/// (null when none were asked for or no face was found).
/// </summary>
public sealed record AnalysedFrame(FaceInferenceResult Result, DeferredCues? Cues);
