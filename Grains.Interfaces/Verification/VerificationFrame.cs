namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>
/// One camera frame for a session's current challenge: the encoded image (JPEG/PNG/WebP, analysed by the session
/// itself, never stored), the challenge's id and nonce, and the client's timestamp (echoed back, never trusted).
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.verification-frame")]
public sealed record VerificationFrame(
    [property: Id(0)] string ChallengeId,
    [property: Id(1)] string Nonce,
    [property: Id(2)] byte[] Image,
    [property: Id(3)] long Timestamp);
