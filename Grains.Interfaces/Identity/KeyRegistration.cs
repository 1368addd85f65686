namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>
/// A device-key registration as the client sent it. <see cref="Signature"/> covers
/// <c>securecall/register/v1\n{userId}\n{challengeId}\n{nonce}\n{signingKeyFingerprint}</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.key-registration")]
public sealed record KeyRegistration(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] SigningAlgorithm Algorithm,
    [property: Id(3)] byte[] SigningSpki,
    [property: Id(4)] byte[] AgreementSpki,
    [property: Id(5)] string? Password,
    [property: Id(6)] string ChallengeId,
    [property: Id(7)] byte[] Signature);
