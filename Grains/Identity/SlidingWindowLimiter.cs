namespace SecureCall.Grains.Identity;

/// <summary>At most <paramref name="limit"/> events per <paramref name="window"/>; kept in an activation's memory.</summary>
public sealed class SlidingWindowLimiter(int limit, TimeSpan window)
{
    private readonly Queue<DateTimeOffset> _events = new();

    public bool TryAcquire(DateTimeOffset now)
    {
        while (_events.Count > 0 && now - _events.Peek() >= window)
        {
            _events.Dequeue();
        }
        if (_events.Count >= limit)
        {
            return false;
        }
        _events.Enqueue(now);
        return true;
    }
}
