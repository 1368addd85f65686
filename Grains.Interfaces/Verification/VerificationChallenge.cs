namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>
/// One challenge as the browser sees it: what to do, and the nonce every frame sent for it must carry.
/// <see cref="Type"/> is <c>gesture</c> or <c>expression</c> (seed contract), or <c>wait</c> during the random pause
/// before the instruction is shown (<see cref="ShownAt"/>); then <see cref="Kind"/> is <see cref="ChallengeKind.Hidden"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.verification-challenge")]
public sealed record VerificationChallenge(
    [property: Id(0)] string ChallengeId,
    [property: Id(1)] ChallengeKind Kind,
    [property: Id(2)] string Type,
    [property: Id(3)] string Instruction,
    [property: Id(4)] string Nonce,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] DateTimeOffset ShownAt);
