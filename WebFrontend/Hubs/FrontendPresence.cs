using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Options;

namespace SecureCall.WebFrontend.Hubs;

/// <summary>
/// Which users have browsers connected to this process, announced to their presence grains with this process's
/// observer. A heartbeat re-announces them, so presence survives a presence grain moving to another silo, and a
/// dead frontend simply stops being refreshed and is dropped.
/// </summary>
public sealed class FrontendPresence(IGrainFactory grains, CallObserver observer, IOptions<SignalingOptions> options, ILogger<FrontendPresence> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, int> _connections = new(StringComparer.Ordinal);
    private ICallObserver? _reference;

    /// <summary>Identifies this process among frontends.</summary>
    public string FrontendId { get; } = Guid.NewGuid().ToString("N");

    private ICallObserver Reference => _reference ??= grains.CreateObjectReference<ICallObserver>(observer);

    public Task ConnectedAsync(string userId)
    {
        _connections.AddOrUpdate(userId, 1, (_, count) => count + 1);
        return grains.GetGrain<IPresenceGrain>(userId).AttachAsync(FrontendId, Reference);
    }

    public Task DisconnectedAsync(string userId)
    {
        var remaining = _connections.AddOrUpdate(userId, 0, (_, count) => count - 1);
        if (remaining > 0)
        {
            return Task.CompletedTask;
        }
        _connections.TryRemove(new KeyValuePair<string, int>(userId, 0));
        return grains.GetGrain<IPresenceGrain>(userId).DetachAsync(FrontendId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PresenceTimeout / 3);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var userId in _connections.Keys)
            {
                try
                {
                    await grains.GetGrain<IPresenceGrain>(userId).AttachAsync(FrontendId, Reference);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Refreshing presence of {User} failed; next heartbeat retries", userId);
                }
            }
        }
    }
}
