namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>What a participant may read about a call.</summary>
[GenerateSerializer, Immutable, Alias("securecall.call-snapshot")]
public sealed record CallSnapshot(
    [property: Id(0)] string CallId,
    [property: Id(1)] string CallerId,
    [property: Id(2)] string CalleeId,
    [property: Id(3)] CallState State,
    [property: Id(4)] string Reason,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? AnsweredAt,
    [property: Id(7)] DateTimeOffset? EndedAt);
