using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Verification;

/// <summary>Persisted state of <see cref="VerificationSessionGrain"/> (no frames, no measurements). Never renumber the ids.</summary>
[GenerateSerializer, Alias("securecall.verification-session")]
public sealed class VerificationSessionRecord
{
    [Id(0)] public string UserId { get; set; } = "";
    [Id(1)] public VerificationState State { get; set; }
    [Id(2)] public List<VerificationChallenge> Challenges { get; set; } = [];
    [Id(3)] public int CurrentIndex { get; set; }
    [Id(4)] public List<string> Outcomes { get; set; } = [];
    [Id(5)] public int ConsecutiveFailures { get; set; }
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(8)] public double? Score { get; set; }
    [Id(9)] public string Reason { get; set; } = "";
    [Id(10)] public string? TokenId { get; set; }
    [Id(11)] public bool EnrollFace { get; set; }

    /// <summary>A face unlock: the user had a face enrolled at the start, so fewer challenges were drawn and the match is required.</summary>
    [Id(12)] public bool FaceUnlock { get; set; }

    /// <summary>Why the last attempt was missed; cleared when a challenge passes.</summary>
    [Id(13)] public ChallengeMiss? LastMiss { get; set; }
}
