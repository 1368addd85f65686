using Microsoft.Extensions.Options;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Options;
using SecureCall.Security;

namespace SecureCall.Grains.Calls;

/// <summary>
/// One shard of the index of who is online: user id → until when (the last heartbeat plus
/// <see cref="SignalingOptions.PresenceTimeout"/>). It holds only users whose browsers are connected, so its size follows
/// the users online, never the ids asked about. Kept in memory: a shard lost with its silo is refilled by the next
/// heartbeats (within a third of the presence timeout).
/// </summary>
public sealed class PresenceShardGrain(IOptions<SignalingOptions> options, SecurityClock time) : Grain, IPresenceShardGrain
{
    private readonly Dictionary<string, DateTimeOffset> _onlineUntil = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep;

    public Task SetOnlineUntilAsync(string userId, DateTimeOffset? until)
    {
        var now = time.GetUtcNow();
        if (until is { } value && value > now)
        {
            _onlineUntil[userId] = value;
        }
        else
        {
            _onlineUntil.Remove(userId);
        }
        if (now >= _nextSweep)
        {
            // Entries of a frontend that died without saying so lapse; drop them now and then so they do not pile up.
            foreach (var (id, lapse) in _onlineUntil.ToList())
            {
                if (lapse <= now)
                {
                    _onlineUntil.Remove(id);
                }
            }
            _nextSweep = now + options.Value.PresenceTimeout;
        }
        if (_onlineUntil.Count > 0)
        {
            // Idle collection must not forget who is online between heartbeats.
            this.DelayDeactivation(options.Value.PresenceTimeout * 2);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> WhichOnlineAsync(IReadOnlyList<string> userIds)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<string> online = [.. userIds.Where(id => _onlineUntil.TryGetValue(id, out var until) && until > now)];
        return Task.FromResult(online);
    }
}
