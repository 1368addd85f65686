namespace SecureCall.Options;

/// <summary>
/// How a face may move from one frame to the next. A live head moves continuously; a cut between pictures, a
/// mirrored picture or frames held back to be rearranged break that (issue 13, item 2). Speeds are judged at the
/// measured interval between the frames the session received. Defaults are calibrated in docs/verification.md.
/// </summary>
public sealed record ContinuityLimits
{
    /// <summary>Longest gap between analysed frames of a shown challenge (1 s); a longer one voids the challenge.</summary>
    public TimeSpan MaxFrameGap { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Fastest mean landmark movement, face widths per second (4). The rendered head's quickest turn moves its landmarks
    /// at most 1.6 face widths per second; a head cannot move its whole face by a face width in a quarter second.
    /// </summary>
    public float MaxLandmarkSpeed { get; init; } = 4f;

    /// <summary>
    /// Fastest change of yaw or pitch, degrees per second (400). The rendered head turns at most 140°/s, 250°/s
    /// measured over one frame interval when the browser skipped the frame between (it skips when the server lags);
    /// a mirrored photo jumps by twice its yaw in one frame (sample 3: 31° in 67 ms, 465°/s).
    /// </summary>
    public float MaxTurnSpeed { get; init; } = 400f;

    /// <summary>
    /// Shortest interval a speed is judged at (1/15 s, the fastest a session takes frames): frames that queued behind
    /// inference reach the session in a burst, and judged at their arrival interval a genuine turn looked twice as fast
    /// as it was (the browser suite saw turns through the front "flip" at 306–325°/s).
    /// </summary>
    public TimeSpan MinFrameInterval { get; init; } = TimeSpan.FromMilliseconds(67);
}
