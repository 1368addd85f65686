using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Verification;

/// <summary>
/// What a challenge is judged on: the still, neutral frames from the random pause before its instruction appeared
/// (the baseline, which an attacker's first answer frames cannot set), and the frames since it appeared.
/// </summary>
/// <param name="Baseline">Frames of the pause, ending with the instruction shown.</param>
/// <param name="Answer">Frames since the instruction was shown.</param>
/// <param name="EarliestOnsetMs">
/// Session time (ms) before which a movement cannot have been a reaction to the instruction (shown + the fastest
/// reaction); a movement whose last resting frame comes earlier was under way before it could be read.
/// </param>
/// <param name="TextureReference">
/// The landmark subset of the last baseline frame, whose texture patches the answer frames were searched for
/// (<see cref="FaceObservation.Tracked"/>); the parallax check of turns and nods compares the two.
/// </param>
public sealed record ChallengeFrames(
    IReadOnlyList<FaceObservation> Baseline,
    IReadOnlyList<FaceObservation> Answer,
    long EarliestOnsetMs = long.MinValue,
    IReadOnlyList<float>? TextureReference = null);
