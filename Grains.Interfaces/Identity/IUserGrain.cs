namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>
/// One user (key: user id): public keys and their history, password hash, lockout counters, and the signature
/// challenges issued to the user. A challenge's nonce is consumed durably before anything else is checked, so it
/// can win at most once, also across silo failures.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Issues a single-use challenge for this user; rate limited per user.</summary>
    Task<IssuedChallenge> IssueChallengeAsync(ChallengePurpose purpose);

    /// <summary>Consumes a <see cref="ChallengePurpose.Register"/> challenge and registers the keys it proves.</summary>
    Task<RegisteredUser> CompleteRegistrationAsync(KeyRegistration registration);

    /// <summary>
    /// Consumes an <see cref="ChallengePurpose.Authenticate"/> challenge and verifies its signature; returns the
    /// authenticated user id. Every refusal is audited here; the success is not: the login grain audits it in the
    /// same write as the token it grants (<see cref="ILoginGrain"/>), so a login waits for one commit for both records,
    /// and no token leaves before they are durable.
    /// </summary>
    Task<string> CompleteAuthenticationAsync(string challengeId, byte[] signature);

    /// <summary>
    /// Keeps the assurance of a live token that was just issued (<paramref name="liveToken"/>, amr <c>sig</c> and
    /// <c>live</c>, validated again here) as a <see cref="LivenessGrant"/> bound to the current signing key, until the
    /// token expires. At most a few are kept; expired ones are dropped.
    /// </summary>
    Task RecordLivenessGrantAsync(IdentityProof liveToken);

    /// <summary>
    /// Consumes a <see cref="ChallengePurpose.Resume"/> challenge, verifies the signature over it and
    /// <paramref name="grantId"/> with the current signing key, and returns the unexpired grant of that id, which must be
    /// bound to that same key. Refusals are audited: wrong signature <c>BadSignature</c>; unknown, expired, revoked
    /// or other-key grant <c>InsufficientAssurance</c>; replayed or expired challenge as for sign-in. The success is
    /// audited by the login grain with the token it grants.
    /// </summary>
    Task<LivenessGrant> RedeemLivenessGrantAsync(string challengeId, string grantId, byte[] signature);

    /// <summary>Drops every liveness grant of the user (sign-out); <paramref name="proof"/> is a token of this user with <c>sig</c>.</summary>
    Task<int> RevokeLivenessGrantsAsync(IdentityProof proof);

    /// <summary>Verifies a signature with the user's current signing key.</summary>
    Task<bool> VerifySignatureAsync(byte[] data, byte[] signature);

    Task<UserKeys?> GetKeysAsync();

    /// <summary>Creates a password account (seed contract); fails with the same error whether or not the name is taken.</summary>
    Task CreatePasswordAccountAsync(string? email, string password);

    /// <summary>Checks a password, counting failures towards a lockout.</summary>
    Task VerifyPasswordAsync(string password);

    Task<UserProfile?> GetProfileAsync();

    /// <summary>
    /// Sets the lowest verification score a caller needs to ring this user (null: no personal minimum).
    /// <paramref name="proof"/> is this user's token from a signature login (amr <c>sig</c>), validated again here:
    /// a password login must not lower who may ring the user.
    /// </summary>
    Task SetMinimumCallerScoreAsync(IdentityProof proof, double? minimumCallerScore);

    Task<double?> GetMinimumCallerScoreAsync();

    /// <summary>
    /// Enrols (or replaces) the face seen in a short burst of camera frames (encoded images, analysed on the inference
    /// workers and never stored): the template is the robust mean of the frames that showed a usable face.
    /// <paramref name="proof"/> is this user's token from a signature login (amr <c>sig</c>), validated again here.
    /// </summary>
    Task<FaceEnrolment> EnrollFaceFromFramesAsync(IdentityProof proof, IReadOnlyList<byte[]> frames);

    /// <summary>
    /// Enrols the face a passing verification session saw, sealed by that session (<see cref="SealedFace"/>), when
    /// none is enrolled yet; <paramref name="proof"/> is the session's own token (amr <c>sig</c> and <c>live</c>).
    /// False when a face was already enrolled.
    /// </summary>
    Task<bool> EnrollSessionFaceAsync(IdentityProof proof, SealedFace face);

    /// <summary>
    /// Compares a session's face, sealed by the session (<see cref="SealedFace"/>), with the enrolled one; null when
    /// nothing is enrolled.
    /// </summary>
    Task<FaceMatch?> MatchSealedFaceAsync(SealedFace face);

    /// <summary>Whether a face is enrolled (a verification session of this user is then a face unlock).</summary>
    Task<bool> HasFaceAsync();

    /// <summary>Compares the face seen in a burst of frames with the enrolled one; null when nothing is enrolled.</summary>
    Task<FaceMatch?> MatchFaceFramesAsync(IReadOnlyList<byte[]> frames);

    /// <summary>Re-seals the enrolled template under the active key-encryption key; false when nothing needed it.</summary>
    Task<bool> RewrapFaceTemplateAsync();
}
