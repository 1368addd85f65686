namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>A call that rang nobody or was not answered, kept for the callee until they next look.</summary>
[GenerateSerializer, Immutable, Alias("securecall.missed-call")]
public sealed record MissedCall(
    [property: Id(0)] string CallId,
    [property: Id(1)] string CallerId,
    [property: Id(2)] DateTimeOffset At);
