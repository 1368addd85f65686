using SecureCall.Grains.Interfaces.Identity;

namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>
/// One proof-of-life session (key: session id): 3–5 random challenges with their nonces, the evidence gathered in
/// memory (never images), scores, failures, the 2-minute deadline and, on success, the issued token.
/// The session analyses its frames itself (on the inference workers of its own silo): no method takes measurements
/// or embeddings, so a caller with grain access can at most send frames, which pass the same checks as a camera's.
/// </summary>
public interface IVerificationSessionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the session for <paramref name="userId"/>; <paramref name="proof"/> is that user's token from a signature
    /// login (amr <c>sig</c>), validated again here. Draws the challenges. With <paramref name="enrollFace"/>, a passing
    /// session enrols its face if the user has none enrolled yet.
    /// </summary>
    Task<VerificationStatus> StartAsync(string userId, IdentityProof proof, bool enrollFace = false);

    /// <summary>
    /// Opens the session's one frame stream and returns its id, which every frame must carry. Refused with
    /// <c>FrameStreamBusy</c> while another stream is open and active; a stream that sent nothing for
    /// <c>FrameStreamIdleTimeout</c> is taken over.
    /// </summary>
    Task<string> OpenFrameStreamAsync(string userId);

    /// <summary>
    /// Analyses one frame of the open stream and judges it for the current challenge; the nonce must be that
    /// challenge's. At most <c>FramesPerSecond</c> frames per session are taken (counted per session, whatever the
    /// stream); more are refused with <c>RateLimited</c>, unanalysed. Bad frames come back as a problem feedback.
    /// </summary>
    Task<FrameFeedback> SubmitFrameAsync(string userId, string streamId, VerificationFrame frame);

    /// <summary>Closes the stream (it ended); a stream that is no longer the open one is ignored.</summary>
    Task CloseFrameStreamAsync(string userId, string streamId);

    Task<VerificationStatus> GetAsync(string userId);

    /// <summary>
    /// The person stopped the session (Cancel on the page): an open session ends as Terminated, with no token, and no
    /// longer counts against the user's open sessions; a decided session is left as it is.
    /// </summary>
    Task<VerificationStatus> CancelAsync(string userId);
}
