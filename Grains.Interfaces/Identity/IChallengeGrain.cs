namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>
/// One challenge (key: challenge id): its nonce, purpose, user and expiry. Completing it consumes the nonce
/// durably before anything else happens, so a nonce can win at most once, also across silo failures.
/// </summary>
public interface IChallengeGrain : IGrainWithStringKey
{
    /// <summary>Creates the challenge; refuses if this id was ever used.</summary>
    Task<IssuedChallenge> BeginAsync(string userId, ChallengePurpose purpose);

    /// <summary>Consumes a <see cref="ChallengePurpose.Register"/> challenge and registers the keys it proves.</summary>
    Task<RegisteredUser> CompleteRegistrationAsync(KeyRegistration registration);

    /// <summary>
    /// Consumes an <see cref="ChallengePurpose.Authenticate"/> challenge; returns the authenticated user id. Every
    /// refusal is audited here; the success is not: the caller audits it in the same write as the token it grants,
    /// so a login waits for one commit for both records, and no token leaves before they are durable.
    /// </summary>
    Task<string> CompleteAuthenticationAsync(byte[] signature);
}
