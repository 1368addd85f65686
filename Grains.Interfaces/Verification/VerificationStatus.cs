namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>
/// A session's state for its owner: the current challenge (if any), progress, and on success the score and the
/// token that proves <c>sig</c> + <c>live</c>. <see cref="LastMiss"/> (added for issue 24) says why the last attempt was
/// missed while a retry is under way or after the miss ended the session; null otherwise.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.verification-status")]
public sealed record VerificationStatus(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string UserId,
    [property: Id(2)] VerificationState State,
    [property: Id(3)] VerificationChallenge? Current,
    [property: Id(4)] int ChallengesPassed,
    [property: Id(5)] int ChallengesTotal,
    [property: Id(6)] int ConsecutiveFailures,
    [property: Id(7)] double? Score,
    [property: Id(8)] string Reason,
    [property: Id(9)] string? Token,
    [property: Id(10)] DateTimeOffset ExpiresAt,
    [property: Id(11)] ChallengeMiss? LastMiss = null);
