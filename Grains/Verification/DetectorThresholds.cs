namespace SecureCall.Grains.Verification;

/// <summary>How far each movement must go, relative to the person's own resting baseline.</summary>
public sealed record DetectorThresholds
{
    /// <summary>Drop of the mean eye aspect ratio for a blink (open ≈ 0.3, closed ≈ 0.1).</summary>
    public float BlinkDrop { get; init; } = 0.08f;

    /// <summary>Head yaw change for a turn, degrees.</summary>
    public float TurnDegrees { get; init; } = 15f;

    /// <summary>Head pitch change for looking up or nodding, degrees.</summary>
    public float PitchDegrees { get; init; } = 10f;

    /// <summary>Increase of mouth opening (inner-lip gap / face height).</summary>
    public float MouthOpening { get; init; } = 0.08f;

    /// <summary>Increase of brow-to-eye distance / face height.</summary>
    public float BrowRaise { get; init; } = 0.02f;

    /// <summary>Increase of mouth width / inter-ocular distance for a smile.</summary>
    public float SmileWidening { get; init; } = 0.05f;

    /// <summary>Emotion-model probability an expression must reach.</summary>
    public float ExpressionProbability { get; init; } = 0.5f;
}
