using System.Collections.Concurrent;
using SecureCall.Grains.Interfaces.Calls;

namespace SecureCall.Grains.Tests.Calls;

/// <summary>Stands in for a web frontend: records what each user would have been sent.</summary>
public sealed class RecordingObserver : ICallObserver
{
    private readonly ConcurrentQueue<(string UserId, CallSignal Signal, string? Except)> _received = new();

    public Task DeliverAsync(string userId, CallSignal signal, string? exceptConnectionId)
    {
        _received.Enqueue((userId, signal, exceptConnectionId));
        return Task.CompletedTask;
    }

    public IReadOnlyList<CallSignal> For(string userId) => _received.Where(r => r.UserId == userId).Select(r => r.Signal).ToList();

    public IReadOnlyList<(CallSignal Signal, string? Except)> WithExclusions(string userId) =>
        _received.Where(r => r.UserId == userId).Select(r => (r.Signal, r.Except)).ToList();

    /// <summary>Waits until a signal satisfying <paramref name="match"/> arrives for the user (signals can come from timers).</summary>
    public async Task<T> WaitForAsync<T>(string userId, Func<T, bool>? match = null) where T : CallSignal
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (For(userId).OfType<T>().FirstOrDefault(s => match?.Invoke(s) ?? true) is { } found)
            {
                return found;
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"No {typeof(T).Name} for {userId}.");
    }
}
