namespace SecureCall.Options;

/// <summary>
/// Presentation-attack gates on the whole session (issue 13, item 6): each fails the session on its own, whatever the
/// score. Calibrated on the rendered head filmed directly against the same frames replayed on a screen
/// (<c>ScreenCueCalibrationTests</c>; docs/verification.md, "Anti-spoof gates").
/// </summary>
public sealed record SpoofGates
{
    /// <summary>
    /// Highest median moiré peak of the face's spectrum (log10 of the strongest high-frequency peak over the band's
    /// median power) a session may show (2.7): direct frames measured 1.60–2.24, replayed on a screen 3.13–4.68.
    /// </summary>
    public float MaxScreenGrid { get; init; } = 2.7f;

    /// <summary>
    /// Highest median share of clipped face pixels (0.02): direct frames measured 0–0.012, a screen's bright,
    /// saturated colours 0.031–0.105.
    /// </summary>
    public float MaxGamutClipped { get; init; } = 0.02f;

    /// <summary>
    /// Lowest median score of the liveness model (P(live)) a session may show (0.8): direct frames measured session
    /// medians 0.94–0.996 (single frames down to 0.77), screen replays 0.54–0.66.
    /// </summary>
    public float MinLivenessLive { get; init; } = 0.8f;

    /// <summary>
    /// Lowest mean score of the antispoof model (P(real)) a session may show (0.3). That model scores the rendered head
    /// 0.49–0.78 and its screen replay higher (0.64–0.77): it cannot tell them apart here, so this gate only removes
    /// what it scores as plainly fake.
    /// </summary>
    public float MinAntiSpoofReal { get; init; } = 0.3f;
}
