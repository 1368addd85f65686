namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>The last missed attempt of a session: which kind it was (the retry hides it again) and why it was missed.</summary>
[GenerateSerializer, Immutable, Alias("securecall.challenge-miss")]
public sealed record ChallengeMiss(
    [property: Id(0)] ChallengeKind Kind,
    [property: Id(1)] ChallengeMissReason Reason);
