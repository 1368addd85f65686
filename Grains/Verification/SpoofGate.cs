using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Verification;

/// <summary>
/// The session-wide presentation-attack gates (issue 13, item 6): the screen-replay cues measured on the frames
/// (moiré in the face's spectrum, clipped colours) and the liveness and antispoof models, each over the whole
/// session so that no single frame decides. The session measures them on every <c>AntiSpoofEveryFrames</c>-th frame
/// (and the first face), so each is read over the frames that have it. A gate that fails names itself; its numbers go
/// to the audit log only.
/// </summary>
public static class SpoofGate
{
    /// <summary>Why the session's frames fail a gate (and the evidence for the audit log), or null when they pass every one.</summary>
    public static (string Reason, string Evidence)? Failed(IReadOnlyList<FaceObservation> frames, SpoofGates gates)
    {
        var faces = frames.Where(f => f.FaceFound).ToList();
        if (faces.Count == 0)
        {
            return ("no face was seen", "0 frames with a face");
        }
        var cued = faces.Where(f => f.LivenessLive is not null && f.ScreenGrid is not null && f.GamutClipped is not null).ToList();
        if (cued.Count == 0)
        {
            // Fails closed: the session always asks for the cues on its first face, so this is not a camera's doing.
            return ("the spoof cues were not measured", $"0 of {faces.Count} frames with a face had them");
        }
        var (grid, clipped) = (Median(cued, f => f.ScreenGrid!.Value), Median(cued, f => f.GamutClipped!.Value));
        if (grid >= gates.MaxScreenGrid || clipped >= gates.MaxGamutClipped)
        {
            return ("the face was shown on a screen", $"moiré {grid:0.00} (max {gates.MaxScreenGrid:0.00}), clipped {clipped:0.000} (max {gates.MaxGamutClipped:0.000})");
        }
        var (live, real) = (Median(cued, f => f.LivenessLive!.Value), AntiSpoofMean(faces));
        if (live < gates.MinLivenessLive || real < gates.MinAntiSpoofReal)
        {
            return ("the anti-spoof models did not accept the face", $"live {live:0.00} (min {gates.MinLivenessLive:0.00}), real {real:0.00} (min {gates.MinAntiSpoofReal:0.00})");
        }
        return null;
    }

    /// <summary>The antispoof model's mean P(real) over the frames it ran on (the session asks on some only); 0 when none.</summary>
    public static float AntiSpoofMean(IEnumerable<FaceObservation> faces) => MeasuredMean(faces, f => f.AntiSpoofReal);

    /// <summary>The liveness model's mean P(live) over the frames it ran on; 0 when none.</summary>
    public static float LivenessMean(IEnumerable<FaceObservation> faces) => MeasuredMean(faces, f => f.LivenessLive);

    private static float MeasuredMean(IEnumerable<FaceObservation> faces, Func<FaceObservation, float?> cue) =>
        faces.Select(cue).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Average();

    private static float Median(List<FaceObservation> frames, Func<FaceObservation, float> value) => frames.Select(value).Order().ElementAt(frames.Count / 2);
}
