namespace SecureCall.Grains.Verification;

/// <summary>How the final score is composed and what passes (defaults: 0.50 / 0.25 / 0.25, pass at 0.70).</summary>
public sealed record ScoringWeights
{
    public float Liveness { get; init; } = 0.50f;
    public float Expression { get; init; } = 0.25f;
    public float AntiSpoof { get; init; } = 0.25f;
    public float PassThreshold { get; init; } = 0.70f;

    /// <summary>Median landmark depth spread of a flat image (photo, screen) and of a real face: the liveness depth scale.</summary>
    public float FlatDepthSpread { get; init; } = 0.02f;
    public float RealDepthSpread { get; init; } = 0.06f;

    /// <summary>Per-frame landmark motion that counts as natural micro-movement (below: frozen; above: a cut or swap).</summary>
    public float MinMotion { get; init; } = 0.001f;
    public float MaxMotion { get; init; } = 0.08f;
}
