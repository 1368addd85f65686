using SecureCall.Grains.Interfaces.Identity;

namespace SecureCall.Grains.Identity;

/// <summary>Persisted state of <see cref="ChallengeGrain"/>. Never renumber the ids.</summary>
[GenerateSerializer, Alias("securecall.challenge-state")]
public sealed class ChallengeState
{
    [Id(0)] public string UserId { get; set; } = "";
    [Id(1)] public ChallengePurpose Purpose { get; set; }
    [Id(2)] public string Nonce { get; set; } = "";
    [Id(3)] public DateTimeOffset IssuedAt { get; set; }
    [Id(4)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(5)] public bool Consumed { get; set; }
}
