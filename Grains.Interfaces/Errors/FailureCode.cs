namespace SecureCall.Grains.Interfaces.Errors;

/// <summary>Every reason the system refuses a request, in one place, so hosts can map them to HTTP and hub errors.</summary>
public enum FailureCode
{
    InvalidInput = 1,
    UnknownChallenge = 2,
    ChallengeExpired = 3,
    ChallengeAlreadyUsed = 4,
    ChallengePurposeMismatch = 5,
    ChallengeUserMismatch = 6,
    BadSignature = 7,
    AlreadyRegistered = 8,
    PasswordRequired = 9,
    InvalidCredentials = 10,
    LockedOut = 11,
    RateLimited = 12,
    UserNotFound = 13,
    ChallengeAlreadyExists = 14,
    CallNotFound = 15,
    NotACallParticipant = 16,
    InvalidCallState = 17,
    CalleeBusy = 18,
    CallerBusy = 19,
    FingerprintMismatch = 20,
    InsufficientAssurance = 21,
    NonceReplayed = 22,
    LimitExceeded = 23,
    CallAnsweredElsewhere = 24,
    SessionNotFound = 25,
    SessionClosed = 26,
    NotAnAdministrator = 27,

    /// <summary>Another frame stream is already feeding this verification session.</summary>
    FrameStreamBusy = 28,

    /// <summary>The database did not answer (overloaded, restarting, unreachable); nothing was changed, the request may be retried.</summary>
    StorageUnavailable = 29,
}
