using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Verification;

/// <summary>
/// A movement's judgement and, when it passed, its frames from the first held one to the return, farthest from rest
/// first (for the parallax check).
/// </summary>
public sealed record MovementResult(ChallengeJudgement Judgement, IReadOnlyList<FaceObservation>? Held = null);
