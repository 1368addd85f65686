using SecureCall.Grains.Interfaces.Errors;

namespace SecureCall.WebFrontend.Errors;

/// <summary>HTTP status and problem title for each refusal code.</summary>
public static class FailureStatus
{
    public static (int Status, string Title) Of(FailureCode code) => code switch
    {
        FailureCode.InvalidInput => (StatusCodes.Status400BadRequest, "Invalid request"),
        FailureCode.UnknownChallenge or FailureCode.ChallengeExpired or FailureCode.ChallengeAlreadyUsed
            or FailureCode.ChallengePurposeMismatch or FailureCode.ChallengeUserMismatch
            => (StatusCodes.Status401Unauthorized, "Challenge rejected"),
        FailureCode.BadSignature => (StatusCodes.Status401Unauthorized, "Signature rejected"),
        FailureCode.InvalidCredentials or FailureCode.PasswordRequired => (StatusCodes.Status401Unauthorized, "Authentication failed"),
        FailureCode.AlreadyRegistered or FailureCode.ChallengeAlreadyExists => (StatusCodes.Status409Conflict, "Conflict"),
        FailureCode.LockedOut or FailureCode.RateLimited => (StatusCodes.Status429TooManyRequests, "Too many requests"),
        FailureCode.UserNotFound or FailureCode.SessionNotFound or FailureCode.CallNotFound => (StatusCodes.Status404NotFound, "Not found"),
        FailureCode.InsufficientAssurance or FailureCode.NotACallParticipant or FailureCode.NotAnAdministrator
            => (StatusCodes.Status403Forbidden, "Forbidden"),
        FailureCode.NonceReplayed => (StatusCodes.Status401Unauthorized, "Nonce rejected"),
        FailureCode.SessionClosed or FailureCode.InvalidCallState or FailureCode.CallAnsweredElsewhere
            or FailureCode.CalleeBusy or FailureCode.CallerBusy or FailureCode.FrameStreamBusy => (StatusCodes.Status409Conflict, "Conflict"),
        FailureCode.FingerprintMismatch or FailureCode.LimitExceeded => (StatusCodes.Status400BadRequest, "Invalid request"),
        FailureCode.StorageUnavailable => (StatusCodes.Status503ServiceUnavailable, "Service unavailable"),
        _ => (StatusCodes.Status400BadRequest, "Request refused"),
    };
}
