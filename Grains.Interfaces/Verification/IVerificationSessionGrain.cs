namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>
/// One proof-of-life session (key: session id): 3–5 random challenges with their nonces, the evidence gathered in
/// memory (never images), scores, failures, the 2-minute deadline and, on success, the issued token.
/// </summary>
public interface IVerificationSessionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the session for a user whose signature was already verified; draws the challenges. With
    /// <paramref name="enrollFace"/>, a passing session enrols its face if the user has none enrolled yet.
    /// </summary>
    Task<VerificationStatus> StartAsync(string userId, bool enrollFace = false);

    /// <summary>Adds one analysed frame for the current challenge; the nonce must be that challenge's.</summary>
    Task<FrameFeedback> SubmitAsync(string userId, string challengeId, string nonce, FaceObservation analysis);

    Task<VerificationStatus> GetAsync(string userId);
}
