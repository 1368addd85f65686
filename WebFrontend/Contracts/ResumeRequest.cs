namespace SecureCall.WebFrontend.Contracts;

/// <summary>
/// Redeems a liveness grant after a reload: <paramref name="GrantId"/> is the live token's <c>jti</c>, and
/// <paramref name="Signature"/> (base64url) covers <c>securecall/resume/v1\n{userId}\n{challengeId}\n{nonce}\n{grantId}</c>
/// for a challenge from <c>POST /api/auth/resume/challenge</c>.
/// </summary>
public sealed record ResumeRequest(string? ChallengeId, string? GrantId, string? Signature);
