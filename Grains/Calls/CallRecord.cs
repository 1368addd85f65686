using SecureCall.Grains.Interfaces.Calls;

namespace SecureCall.Grains.Calls;

/// <summary>Persisted state of <see cref="CallGrain"/>. Never renumber the ids.</summary>
[GenerateSerializer, Alias("securecall.call-record")]
public sealed class CallRecord
{
    [Id(0)] public string CallerId { get; set; } = "";
    [Id(1)] public string CalleeId { get; set; } = "";
    [Id(2)] public CallState State { get; set; }
    [Id(3)] public string Reason { get; set; } = "";
    [Id(4)] public CallOffer? Offer { get; set; }
    [Id(5)] public CallAnswer? Answer { get; set; }
    [Id(6)] public string? AcceptedConnectionId { get; set; }
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    [Id(8)] public DateTimeOffset RingDeadline { get; set; }
    [Id(9)] public DateTimeOffset? AnsweredAt { get; set; }
    [Id(10)] public DateTimeOffset? EndedAt { get; set; }
    [Id(11)] public int CandidateCount { get; set; }
    [Id(12)] public int RenegotiationCount { get; set; }

    /// <summary>The caller's hub connection that placed the call (or rejoined it); null for calls placed before it was kept.</summary>
    [Id(13)] public string? CallerConnectionId { get; set; }
}
