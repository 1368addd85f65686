namespace SecureCall.Grains.Interfaces.Audit;

/// <summary>Security events that are written to the audit log.</summary>
public enum AuditEventType
{
    UserRegistered,
    PasswordAccountCreated,
    ChallengeIssued,
    SignatureVerified,
    SignatureFailed,
    NonceMisuse,
    LoginSucceeded,
    LoginFailed,
    AccountLocked,
    TokenIssued,
    TokenInvalid,
    RateLimited,
    AuditPurged,
    CallPlaced,
    CallAccepted,
    CallEnded,
    CallRejected,
    CallRefused,
    VerificationStarted,
    VerificationChallengePassed,
    VerificationChallengeFailed,
    VerificationPassed,
    VerificationFailed,
    FaceEnrolled,
    FaceMatched,
    FaceMismatched,
    FaceTemplateRewrapped,
    AuditVerified,
    CallPolicyChanged,
    FaceEnrolmentRefused,

    /// <summary>A liveness grant was redeemed after a reload: a token with the grant's amr and original expiry.</summary>
    LivenessResumed,

    /// <summary>A user's liveness grants were revoked (sign-out).</summary>
    LivenessGrantsRevoked,

    /// <summary>A challenge whose resting baseline did not settle was replaced by another kind.</summary>
    VerificationChallengeReplaced,
}
