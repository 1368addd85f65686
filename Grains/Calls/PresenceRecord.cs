using SecureCall.Grains.Interfaces.Calls;

namespace SecureCall.Grains.Calls;

/// <summary>
/// Persisted state of <see cref="PresenceGrain"/>: the frontends a user's browsers are connected to, each with its
/// process's observer. Written only when a frontend attaches or leaves (not on heartbeats), so a presence grain
/// re-activated after its silo died can deliver at once instead of after the next heartbeat. Never renumber the ids.
/// </summary>
[GenerateSerializer, Alias("securecall.presence-record")]
public sealed class PresenceRecord
{
    [Id(0)] public Dictionary<string, ICallObserver> Frontends { get; set; } = new(StringComparer.Ordinal);
}
