using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Verification;

/// <summary>A movement's judgement and, when it passed, the frame at its peak (for the parallax check).</summary>
public sealed record MovementResult(ChallengeJudgement Judgement, FaceObservation? Peak = null);
