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
}
