using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Storage;
using SecureCall.Options;
using SecureCall.Security;

namespace SecureCall.Grains.Calls;

/// <summary>
/// Where a user is connected: the frontends holding their browser connections, each with its process's observer.
/// Frontends re-announce their users on every heartbeat (kept in memory); which frontends there are is also stored,
/// so a presence grain re-activated after its silo died delivers a call event (a ring timeout fired by the call's
/// reminder, say) at once, instead of losing it until the next heartbeat reaches the new activation. A restored
/// frontend that is no longer heartbeating is dropped after <see cref="SignalingOptions.PresenceTimeout"/>.
/// Whether the user is online is answered by the user's <see cref="IPresenceShardGrain"/>, which this grain keeps
/// current, so that look-ups never activate a presence grain per id asked about.
/// </summary>
public sealed class PresenceGrain(
    [PersistentState("presence", StorageNames.Users)] IPersistentState<PresenceRecord> state,
    IOptions<SignalingOptions> options,
    SecurityClock time,
    ILogger<PresenceGrain> logger) : Grain, IPresenceGrain
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(5);
    private readonly Dictionary<string, (ICallObserver Observer, DateTimeOffset LastSeen)> _frontends = new(StringComparer.Ordinal);
    private DateTimeOffset? _reportedOnlineUntil;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Restored frontends count as seen now: a live one refreshes within a heartbeat, a dead one times out.
        var now = time.GetUtcNow();
        foreach (var (frontendId, observer) in state.State.Frontends)
        {
            _frontends[frontendId] = (observer, now);
        }
        return Task.CompletedTask;
    }

    public async Task AttachAsync(string frontendId, ICallObserver observer)
    {
        _frontends[frontendId] = (observer, time.GetUtcNow());
        // Do not let idle collection drop presence while the frontend keeps announcing it.
        this.DelayDeactivation(options.Value.PresenceTimeout + options.Value.RingTimeout);
        if (!state.State.Frontends.TryGetValue(frontendId, out var stored) || !stored.Equals(observer))
        {
            await SaveAsync();
        }
        await ReportAsync();
    }

    public async Task DetachAsync(string frontendId)
    {
        if (_frontends.Remove(frontendId))
        {
            await SaveAsync();
            await ReportAsync();
        }
    }

    public async Task<int> DeliverAsync(CallSignal signal, string? exceptConnectionId = null)
    {
        var now = time.GetUtcNow();
        var delivered = 0;
        var before = _frontends.Count;
        foreach (var (frontendId, (observer, lastSeen)) in _frontends.ToList())
        {
            if (now - lastSeen > options.Value.PresenceTimeout)
            {
                _frontends.Remove(frontendId);
                continue;
            }
            try
            {
                await observer.DeliverAsync(this.GetPrimaryKeyString(), signal, exceptConnectionId).WaitAsync(DeliveryTimeout);
                delivered++;
            }
            catch (Exception exception)
            {
                // A frontend that cannot take a delivery is gone or broken: drop it; it re-attaches if it lives.
                logger.LogWarning(exception, "Dropping frontend {Frontend} for {User}: delivery failed", frontendId, this.GetPrimaryKeyString());
                _frontends.Remove(frontendId);
            }
        }
        if (_frontends.Count != before)
        {
            await SaveAsync();
            await ReportAsync();
        }
        return delivered;
    }

    /// <summary>Tells the user's shard until when they can be rung (the last heartbeat plus the timeout), if that changed.</summary>
    private async Task ReportAsync()
    {
        DateTimeOffset? until = _frontends.Count == 0 ? null : _frontends.Values.Max(f => f.LastSeen) + options.Value.PresenceTimeout;
        if (until == _reportedOnlineUntil)
        {
            return;
        }
        var userId = this.GetPrimaryKeyString();
        try
        {
            await GrainFactory.GetGrain<IPresenceShardGrain>(PresenceShards.Of(userId)).SetOnlineUntilAsync(userId, until);
            _reportedOnlineUntil = until;
        }
        catch (Exception exception)
        {
            // Delivery does not depend on the index; the next heartbeat reports again.
            logger.LogWarning(exception, "Reporting the presence of {User} to its shard failed", userId);
        }
    }

    private Task SaveAsync()
    {
        state.State.Frontends = _frontends.ToDictionary(f => f.Key, f => f.Value.Observer, StringComparer.Ordinal);
        return state.WriteStateAsync();
    }
}
