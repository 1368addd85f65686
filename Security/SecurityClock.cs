namespace SecureCall.Security;

/// <summary>
/// The clock that nonces, lockouts, tokens and retention are judged by. It is its own service, not the container's
/// <see cref="TimeProvider"/>, because Orleans reads that one for its own timers: tests can move this clock
/// (FakeTimeProvider) without freezing the silo.
/// </summary>
public sealed class SecurityClock(TimeProvider provider)
{
    public static SecurityClock System { get; } = new(TimeProvider.System);

    public TimeProvider Provider { get; } = provider;

    public DateTimeOffset GetUtcNow() => Provider.GetUtcNow();
}
