namespace SecureCall.Options;

/// <summary>
/// How far each movement must go, relative to the person's own resting baseline. Units are those of the face
/// library's measures; the comments give what the models measured on the sample photos (docs/verification.md).
/// </summary>
public sealed record DetectorThresholds
{
    /// <summary>Drop of the mean eye aspect ratio for a blink (open 0.25–0.37, eyes closed 0.16–0.23).</summary>
    public float BlinkDrop { get; init; } = 0.08f;

    /// <summary>Head yaw change for a turn, degrees (a face turned 15° one way and then the other: ≈ 29°).</summary>
    public float TurnDegrees { get; init; } = 15f;

    /// <summary>Head pitch change for looking up or nodding, degrees.</summary>
    public float PitchDegrees { get; init; } = 10f;

    /// <summary>Increase of mouth opening, inner-lip gap / mouth width (closed 0.01–0.07, open 0.21–0.33).</summary>
    public float MouthOpening { get; init; } = 0.12f;

    /// <summary>Increase of brow-to-eye distance / face height (resting 0.11–0.14).</summary>
    public float BrowRaise { get; init; } = 0.02f;

    /// <summary>
    /// A smile: increase of the mouth's width plus the lift of its corners, both in eye-corner distances, from the
    /// person's rest (0.05). The rendered head's smiles on four faces: 0.07–0.18; its open mouth, surprise, turns and
    /// nods at most 0.035 (docs/verification.md, "Detectors").
    /// </summary>
    public float SmileWidening { get; init; } = 0.05f;

    /// <summary>Emotion-model probability an expression must reach.</summary>
    public float ExpressionProbability { get; init; } = 0.5f;

    /// <summary>
    /// Frames with intermediate values (between 15 % and 85 % of the movement's peak) a movement needs on its way out
    /// and on its way back (1): a real movement is gradual, a cut between pictures is a step. A blink's onset is
    /// exempt (a lid closes within one frame interval at 15 frames/s), not its return (it reopens in 150–200 ms).
    /// </summary>
    public int MinTransitionFrames { get; init; } = 1;

    /// <summary>
    /// Smallest residual, in face widths, that the best flat model (one plane, or a print folded once along any line)
    /// may leave on the face's followed texture in a head turn or nod (0.005; docs/verification.md, "Parallax").
    /// Measured on the frames a session judges, the texture aligned with its first frame's patches: the rendered
    /// head's turns and nods 0.0078–0.0428 (four faces), prints flat, tilted up to 35° or folded up to 40° along the
    /// nose at most 0.0031. Between the two, nearer the prints: a real head seen in perspective shows more parallax
    /// than the orthographic rendered head, and small turns (just over their threshold) leave less.
    /// </summary>
    public float MinParallaxResidual { get; init; } = 0.005f;
}
