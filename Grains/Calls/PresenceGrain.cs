using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Identity;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Options;
using SecureCall.Security;

namespace SecureCall.Grains.Calls;

/// <summary>
/// A user's live presence: frontends with their connections, the call slot, recent signaling nonces and the call
/// rate. Memory only: frontends re-announce their users on every heartbeat, so a re-activation heals within one
/// interval; the grain stays active while the user is connected or in a call.
/// </summary>
public sealed class PresenceGrain(
    IOptions<SignalingOptions> options, IOptions<VerificationOptions> verification, SecurityClock time, ILogger<PresenceGrain> logger)
    : Grain, IPresenceGrain
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(5);
    private readonly Dictionary<string, (ICallObserver Observer, DateTimeOffset LastSeen)> _frontends = new(StringComparer.Ordinal);
    private readonly HashSet<string> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _nonces = new(StringComparer.Ordinal);
    private readonly SlidingWindowLimiter _callRate = new(options.Value.CallsPerMinutePerUser, TimeSpan.FromMinutes(1));
    private readonly Dictionary<string, DateTimeOffset> _openSessions = new(StringComparer.Ordinal);
    private readonly SlidingWindowLimiter _verificationRate = new(verification.Value.SessionsPerMinutePerUser, TimeSpan.FromMinutes(1));

    public Task AttachAsync(string frontendId, ICallObserver observer)
    {
        _frontends[frontendId] = (observer, time.GetUtcNow());
        KeepAlive();
        return Task.CompletedTask;
    }

    public Task DetachAsync(string frontendId)
    {
        _frontends.Remove(frontendId);
        return Task.CompletedTask;
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

    public Task<bool> TryBeginCallAsync(string callId)
    {
        if (_calls.Contains(callId))
        {
            return Task.FromResult(true);
        }
        if (_calls.Count > 0 && !options.Value.AllowConcurrentCalls)
        {
            return Task.FromResult(false);
        }
        _calls.Add(callId);
        KeepAlive();
        return Task.FromResult(true);
    }

    public Task EndCallAsync(string callId)
    {
        _calls.Remove(callId);
        return Task.CompletedTask;
    }

    public Task<bool> TryUseOfferNonceAsync(string nonce)
    {
        var now = time.GetUtcNow();
        foreach (var (old, usedAt) in _nonces.ToList())
        {
            if (now - usedAt > options.Value.NonceMemory)
            {
                _nonces.Remove(old);
            }
        }
        return Task.FromResult(_nonces.TryAdd(nonce, now));
    }

    public Task<bool> TryStartVerificationAsync(string sessionId, DateTimeOffset deadline)
    {
        var now = time.GetUtcNow();
        foreach (var (id, until) in _openSessions.ToList())
        {
            if (until <= now)
            {
                _openSessions.Remove(id);
            }
        }
        if (_openSessions.Count >= verification.Value.MaxOpenSessionsPerUser || !_verificationRate.TryAcquire(now))
        {
            return Task.FromResult(false);
        }
        _openSessions[sessionId] = deadline;
        KeepAlive();
        return Task.FromResult(true);
    }

    public Task EndVerificationAsync(string sessionId)
    {
        _openSessions.Remove(sessionId);
        return Task.CompletedTask;
    }

    public Task<bool> TryPlaceCallAsync() => Task.FromResult(_callRate.TryAcquire(time.GetUtcNow()));

    // Presence and call slots live in memory: do not let idle collection drop them while they matter.
    private void KeepAlive() => this.DelayDeactivation(options.Value.PresenceTimeout + options.Value.RingTimeout);
}
