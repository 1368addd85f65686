using System.Collections.Concurrent;
using SecureCall.Grains.Interfaces.Calls;

namespace SecureCall.Grains.Tests.Calls;

/// <summary>Stands in for a web frontend: records what each user would have been sent.</summary>
public sealed class RecordingObserver : ICallObserver
{
    private readonly ConcurrentQueue<(string UserId, CallSignal Signal, string? Except)> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public Task DeliverAsync(string userId, CallSignal signal, string? exceptConnectionId)
    {
        _received.Enqueue((userId, signal, exceptConnectionId));
        _arrived.Release();
        return Task.CompletedTask;
    }

    public IReadOnlyList<CallSignal> For(string userId) => _received.Where(r => r.UserId == userId).Select(r => r.Signal).ToList();

    public IReadOnlyList<(CallSignal Signal, string? Except)> WithExclusions(string userId) =>
        _received.Where(r => r.UserId == userId).Select(r => (r.Signal, r.Except)).ToList();

    /// <summary>Waits until a signal satisfying <paramref name="match"/> arrives for the user (signals can come from timers).</summary>
    public async Task<T> WaitForAsync<T>(string userId, Func<T, bool>? match = null) where T : CallSignal
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (For(userId).OfType<T>().FirstOrDefault(s => match?.Invoke(s) ?? true) is { } found)
            {
                return found;
            }
            try
            {
                // Wake on the next delivery instead of polling on a timer.
                await _arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {typeof(T).Name} for {userId}.");
            }
        }
    }
}
