using SecureCall.Grains.Interfaces.Identity;

namespace SecureCall.Security.Challenges;

/// <summary>One issued signature challenge: whose it is, what it may be used for, its nonce and lifetime.</summary>
public sealed record ChallengeRecord(
    string Id,
    string UserId,
    ChallengePurpose Purpose,
    string Nonce,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
