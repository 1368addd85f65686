using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Options;
using SecureCall.Security;

namespace SecureCall.Grains.Calls;

/// <summary>
/// Where a user is connected: the frontends holding their browser connections, each with its process's observer.
/// Memory only: frontends re-announce their users on every heartbeat, so a re-activation heals within one
/// interval; the grain stays active while the user is connected.
/// </summary>
public sealed class PresenceGrain(IOptions<SignalingOptions> options, SecurityClock time, ILogger<PresenceGrain> logger)
    : Grain, IPresenceGrain
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(5);
    private readonly Dictionary<string, (ICallObserver Observer, DateTimeOffset LastSeen)> _frontends = new(StringComparer.Ordinal);

    public Task AttachAsync(string frontendId, ICallObserver observer)
    {
        _frontends[frontendId] = (observer, time.GetUtcNow());
        // Presence lives in memory: do not let idle collection drop it while the frontend keeps announcing it.
        this.DelayDeactivation(options.Value.PresenceTimeout + options.Value.RingTimeout);
        return Task.CompletedTask;
    }

    public Task DetachAsync(string frontendId)
    {
        _frontends.Remove(frontendId);
        return Task.CompletedTask;
    }

    public Task<bool> IsOnlineAsync()
    {
        var now = time.GetUtcNow();
        return Task.FromResult(_frontends.Values.Any(f => now - f.LastSeen <= options.Value.PresenceTimeout));
    }

    public async Task<int> DeliverAsync(CallSignal signal, string? exceptConnectionId = null)
    {
        var now = time.GetUtcNow();
        var delivered = 0;
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
        return delivered;
    }
}
