using Microsoft.Extensions.Options;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Options;
using SecureCall.Security;

namespace SecureCall.Grains.Identity;

/// <summary>
/// A user's call slot, recent offer nonces and the rates of calls, proof-of-life sessions, face checks and presence look-ups. Memory only: a
/// re-activation forgets them, which loosens a limit for a moment but never refuses anyone wrongly; the grain stays
/// active while a call or session holds a slot.
/// </summary>
public sealed class UserLimitsGrain(IOptions<SignalingOptions> options, IOptions<VerificationOptions> verification, SecurityClock time)
    : Grain, IUserLimitsGrain
{
    // Call id → who called whom: glare (two people calling each other at once) is recognised from here.
    private readonly Dictionary<string, (string Caller, string Callee)> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _nonces = new(StringComparer.Ordinal);
    private readonly SlidingWindowLimiter _callRate = new(options.Value.CallsPerMinutePerUser, TimeSpan.FromMinutes(1));
    private readonly Dictionary<string, DateTimeOffset> _openSessions = new(StringComparer.Ordinal);
    private readonly SlidingWindowLimiter _verificationRate = new(verification.Value.SessionsPerMinutePerUser, TimeSpan.FromMinutes(1));
    private readonly SlidingWindowLimiter _faceCheckRate = new(verification.Value.FaceChecksPerMinutePerUser, TimeSpan.FromMinutes(1));
    private readonly TokenBucket _presenceLookups = new(options.Value.PresenceLookupBurstPerUser, options.Value.PresenceLookupsPerMinutePerUser);

    public Task<bool> TryBeginCallAsync(string callId, string callerId, string calleeId)
    {
        if (_calls.ContainsKey(callId))
        {
            return Task.FromResult(true);
        }
        if (_calls.Count > 0 && !options.Value.AllowConcurrentCalls)
        {
            return Task.FromResult(false);
        }
        _calls.Add(callId, (callerId, calleeId));
        KeepAlive();
        return Task.FromResult(true);
    }

    public Task<string?> GetCallAsync(string callerId, string calleeId) =>
        Task.FromResult<string?>(_calls.FirstOrDefault(c => c.Value == (callerId, calleeId)).Key);

    public Task<IReadOnlyList<string>> GetCallIdsAsync() => Task.FromResult<IReadOnlyList<string>>([.. _calls.Keys]);

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

    // Each check answers only match or no match; the rate keeps it from serving as an oracle for tuning a forged face.
    public Task<bool> TryFaceCheckAsync() => Task.FromResult(_faceCheckRate.TryAcquire(time.GetUtcNow()));

    public Task<TimeSpan?> TryPresenceLookupsAsync(int userIds) => Task.FromResult(_presenceLookups.TryTake(userIds, time.GetUtcNow()));

    // Call slots and open sessions live in memory: do not let idle collection drop them while they matter.
    private void KeepAlive() => this.DelayDeactivation(options.Value.PresenceTimeout + options.Value.RingTimeout);
}
