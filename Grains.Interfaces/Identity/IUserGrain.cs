namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>One user (key: user id): public keys and their history, password hash, lockout counters.</summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Issues a single-use challenge for this user; rate limited per user.</summary>
    Task<IssuedChallenge> IssueChallengeAsync(ChallengePurpose purpose);

    /// <summary>Stores device keys whose proof of possession the challenge grain has already checked.</summary>
    Task<RegisteredUser> AddVerifiedKeysAsync(KeyRegistration registration);

    /// <summary>Verifies a signature with the user's current signing key.</summary>
    Task<bool> VerifySignatureAsync(byte[] data, byte[] signature);

    Task<UserKeys?> GetKeysAsync();

    /// <summary>Creates a password account (seed contract); fails with the same error whether or not the name is taken.</summary>
    Task CreatePasswordAccountAsync(string? email, string password);

    /// <summary>Checks a password, counting failures towards a lockout.</summary>
    Task VerifyPasswordAsync(string password);

    Task<UserProfile?> GetProfileAsync();

    /// <summary>Sets the lowest verification score a caller needs to ring this user (null: no personal minimum).</summary>
    Task SetMinimumCallerScoreAsync(double? minimumCallerScore);

    Task<double?> GetMinimumCallerScoreAsync();

    /// <summary>Stores the enrolled face template, encrypted; replaces any earlier one.</summary>
    Task EnrollFaceAsync(float[] template);

    /// <summary>Compares a probe template with the enrolled one; null when nothing is enrolled.</summary>
    Task<FaceMatch?> MatchFaceAsync(float[] probe);

    /// <summary>Re-seals the enrolled template under the active key-encryption key; false when nothing needed it.</summary>
    Task<bool> RewrapFaceTemplateAsync();
}
