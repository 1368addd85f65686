namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>The answer to one analysed frame: a hint for the person, and the session status after it.</summary>
[GenerateSerializer, Immutable, Alias("securecall.frame-feedback")]
public sealed record FrameFeedback(
    [property: Id(0)] string Feedback,
    [property: Id(1)] string? ChallengeResult,
    [property: Id(2)] VerificationStatus Status);
