namespace SecureCall.WebFrontend.Contracts;

/// <summary>A challenge to sign; <paramref name="Nonce"/> is base64url without padding.</summary>
public sealed record ChallengeResponse(string ChallengeId, string Nonce, DateTimeOffset ExpiresAt);
