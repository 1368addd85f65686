namespace SecureCall.Grains.Verification;

/// <summary>The parts and the weighted total of a session's score; <see cref="Expression"/> is null when no expression was asked.</summary>
public sealed record VerificationScore(float Liveness, float? Expression, float AntiSpoof, float Total, bool Passed);
