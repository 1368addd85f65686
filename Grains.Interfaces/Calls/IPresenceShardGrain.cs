using Orleans.Concurrency;

namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>
/// One of <see cref="PresenceShards.Count"/> shards of the index of who is online (key: shard number, see
/// <see cref="PresenceShards.Of"/>). Presence look-ups read only these, so asking about ids that no one registered
/// activates no grain per id: a flood touches the same fixed shards. Each user's <see cref="IPresenceGrain"/> keeps its
/// entry current; memory only, refilled by the frontends' heartbeats if a shard is lost with its silo.
/// </summary>
public interface IPresenceShardGrain : IGrainWithIntegerKey
{
    /// <summary>The user can be rung until <paramref name="until"/>; null when they no longer can (their last browser left).</summary>
    Task SetOnlineUntilAsync(string userId, DateTimeOffset? until);

    /// <summary>Which of <paramref name="userIds"/> (all of this shard) are online now; unknown and offline ids look the same.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> WhichOnlineAsync(IReadOnlyList<string> userIds);
}
