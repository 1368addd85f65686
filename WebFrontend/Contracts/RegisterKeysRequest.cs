namespace SecureCall.WebFrontend.Contracts;

/// <summary>
/// Registers a device's keys. <paramref name="Signature"/> (base64url) covers
/// <c>securecall/register/v1\n{userId}\n{challengeId}\n{nonce}\n{signingKeyFingerprint}</c>.
/// </summary>
public sealed record RegisterKeysRequest(
    string? UserId,
    string? DisplayName,
    PublicKeyInput? SigningKey,
    PublicKeyInput? AgreementKey,
    string? Password,
    string? ChallengeId,
    string? Signature);
