namespace SecureCall.Grains.Identity;

/// <summary>
/// A budget of <paramref name="capacity"/> units that refills at <paramref name="perMinute"/> units a minute; kept in an
/// activation's memory. Unlike <see cref="SlidingWindowLimiter"/> one request may take many units (one per user id
/// asked about), and a refusal says how long until the request would fit.
/// </summary>
public sealed class TokenBucket(int capacity, int perMinute)
{
    private double _tokens = capacity;
    private DateTimeOffset _lastRefill = DateTimeOffset.MinValue;

    /// <summary>Takes <paramref name="units"/> if the budget holds them: null when taken, else how long until it would.</summary>
    public TimeSpan? TryTake(int units, DateTimeOffset now)
    {
        // A clock that steps back refills nothing (and does not count the same minutes twice later).
        if (now > _lastRefill)
        {
            _tokens = Math.Min(capacity, _tokens + (now - _lastRefill).TotalMinutes * perMinute);
            _lastRefill = now;
        }
        if (units <= _tokens)
        {
            _tokens -= units;
            return null;
        }
        return TimeSpan.FromMinutes((Math.Min(units, capacity) - _tokens) / perMinute);
    }
}
