using SecureCall.Grains.Interfaces.Calls;

namespace SecureCall.Grains.Calls;

/// <summary>Persisted state of <see cref="MissedCallsGrain"/>. Never renumber the ids.</summary>
[GenerateSerializer, Alias("securecall.missed-calls-record")]
public sealed class MissedCallsRecord
{
    [Id(0)] public List<MissedCall> Calls { get; set; } = [];
}
