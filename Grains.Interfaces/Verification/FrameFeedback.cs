namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>
/// The answer to one frame: a hint for the person, and the session status after it. <see cref="Problem"/> is set
/// (as <c>"Code: message"</c>, e.g. <c>BadFrame</c>, <c>Busy</c>, <c>RateLimited</c>) when the frame was not judged.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.frame-feedback")]
public sealed record FrameFeedback(
    [property: Id(0)] string Feedback,
    [property: Id(1)] string? ChallengeResult,
    [property: Id(2)] VerificationStatus Status,
    [property: Id(3)] string? Problem = null);
