namespace SecureCall.Security.Challenges;

/// <summary>The outcome, and the challenge itself unless it is unknown.</summary>
public sealed record ChallengeConsumption(ConsumeOutcome Outcome, ChallengeRecord? Challenge);
