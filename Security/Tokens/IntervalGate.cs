namespace SecureCall.Security.Tokens;

/// <summary>
/// Lets a costly reaction through at most once per interval, whoever asks: a token naming an unknown kid makes the
/// validation keys reload, and a flood of tokens with made-up kids must cost one reload per interval, not one each.
/// </summary>
public sealed class IntervalGate(TimeSpan interval)
{
    private readonly long _intervalMs = (long)interval.TotalMilliseconds;
    private long _last = Environment.TickCount64 - (long)interval.TotalMilliseconds;

    /// <summary>True for the first caller once the interval has passed since the last one let through.</summary>
    public bool TryPass()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _last);
        return now - last >= _intervalMs && Interlocked.CompareExchange(ref _last, now, last) == last;
    }
}
