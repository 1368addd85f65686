using SecureCall.FaceAnalysis.Measures;
using SecureCall.FaceAnalysis.Tracking;

namespace SecureCall.FaceAnalysis;

/// <summary>What to compute for one frame.</summary>
/// <param name="Mode">Detect or track.</param>
/// <param name="WantEmbedding">Run the (expensive) face descriptor.</param>
/// <param name="PreviousMesh">The last frame's mesh: the crop source in tracking mode, and the motion reference.</param>
/// <param name="WantPatches">Cut texture patches around the landmark subset (a reference for later frames).</param>
/// <param name="ReferencePatches">Patches of the previous frame to find again in this one (<see cref="PatchTracker"/>).</param>
/// <param name="ReferencePoints">
/// Where those patches were cut (x, y per landmark-subset point, divided by the frame's longer side; NaN for lost
/// points). The search for each starts there, moved as its landmark moved since <paramref name="PreviousMesh"/>; the
/// new patches (with <paramref name="WantPatches"/>) are cut where they were found, so texture is followed frame to frame.
/// </param>
/// <param name="OriginPatches">
/// Patches of the first frame of the texture followed (the reference patches' origin), with <paramref name="OriginPoints"/>
/// where they were cut (as <paramref name="ReferencePoints"/>): each point found frame to frame is then aligned with its
/// first patch (<see cref="PatchTracker.Align"/>), and <see cref="FaceResult.Tracked"/> holds the aligned positions.
/// </param>
/// <param name="OriginPoints">Where <paramref name="OriginPatches"/> were cut, as <paramref name="ReferencePoints"/>.</param>
/// <param name="WantExpression">
/// Run the emotion model (<see cref="FaceResult.Emotions"/> is empty otherwise): a session reads it only while it
/// judges an expression challenge, and it costs as much as the face mesh.
/// </param>
/// <param name="WantSpoofCues">
/// Measure the presentation-attack cues: the antispoof and liveness models, the operator's deepfake model when there is
/// one, and the screen cues (<see cref="FaceResult.Real"/>, <see cref="FaceResult.Live"/>, <see cref="FaceResult.DeepfakeReal"/>,
/// <see cref="FaceResult.ScreenGrid"/> and <see cref="FaceResult.GamutClipped"/> are null otherwise). Together they cost
/// about 3 ms of a tracked frame's 7, and a session reads them only as means and medians over its frames, so it may ask
/// for them on some of them.
/// </param>
/// <param name="DeferCues">
/// Do not measure the requested spoof cues and embedding now: copy the pixels they are measured from into
/// <see cref="FaceResult.PendingCues"/>, so that the frame's geometry is answered first and the cues, which nothing
/// reads until a session decides, can be measured later at a lower priority.
/// </param>
public sealed record AnalysisRequest(
    AnalysisMode Mode = AnalysisMode.Detect,
    bool WantEmbedding = false,
    FaceMesh? PreviousMesh = null,
    bool WantPatches = false,
    TexturePatches? ReferencePatches = null,
    float[]? ReferencePoints = null,
    bool WantExpression = true,
    bool WantSpoofCues = true,
    bool DeferCues = false,
    TexturePatches? OriginPatches = null,
    float[]? OriginPoints = null);
