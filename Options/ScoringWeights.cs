namespace SecureCall.Options;

/// <summary>How the final score is composed and what passes (defaults: 0.50 / 0.25 / 0.25, pass at 0.70).</summary>
public sealed record ScoringWeights
{
    public float Liveness { get; init; } = 0.50f;
    public float Expression { get; init; } = 0.25f;
    public float AntiSpoof { get; init; } = 0.25f;
    public float PassThreshold { get; init; } = 0.70f;

    /// <summary>
    /// Median landmark depth spread (depth standard deviation / face width) that scores 0 and 1. The mesh model infers
    /// depth from appearance, so faces measure 0.13–0.17 even in photos: this rejects flat or degenerate meshes
    /// (a drawing, a face squashed on a tilted screen), not a good photograph; motion and challenges do that.
    /// </summary>
    public float FlatDepthSpread { get; init; } = 0.06f;
    public float RealDepthSpread { get; init; } = 0.12f;

    /// <summary>
    /// Per-frame landmark motion / face width that counts as natural micro-movement. Below: frozen (a still image
    /// settles under 0.003 within a few tracked frames; a few pixels of sway give 0.007–0.04). Above: a cut or swap.
    /// </summary>
    public float MinMotion { get; init; } = 0.003f;
    public float MaxMotion { get; init; } = 0.08f;
}
