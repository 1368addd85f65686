namespace SecureCall.WebFrontend.Contracts;

/// <summary>
/// Answers an authentication challenge; <paramref name="Signature"/> (base64url) covers
/// <c>securecall/auth/v1\n{userId}\n{challengeId}\n{nonce}</c>.
/// </summary>
public sealed record RespondRequest(string? ChallengeId, string? Signature);
