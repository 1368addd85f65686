using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SecureCall.Grains.Audit;
using SecureCall.Grains.Verification;

namespace SecureCall.Hosting;

/// <summary>
/// The end of a silo's shutdown (docs/deploying.md, "Shutdown order"). By the time the host calls
/// <see cref="StoppedAsync"/> it has stopped every hosted service, in reverse order of registration: the web server
/// (no new requests, frames or hub connections), the background services (each awaited), then the silo (grains
/// deactivated: verification sessions discard their outstanding cues). This then stops, in order, what only the silo
/// used: the cue lane (queued cues discarded, its threads joined), inference (calls in flight finish, later ones are
/// refused, then the models are freed) and the audit log (appends closed and flushed, then the final signed head
/// checkpoint). The container closes storage last, when it is disposed.
/// </summary>
public sealed class SiloShutdown(CueLane lane, FaceAnalyzerHost inference, AuditHeadCheckpointService audit, ILogger<SiloShutdown> logger)
    : IHostedLifecycleService, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private Task? _shutdown;

    public Task StoppedAsync(CancellationToken cancellationToken) => ShutDownOnce();

    /// <summary>
    /// The container disposes this before the lane, the models and the stores it uses (they were created before it),
    /// so a disposal that races the host's stop (a test host's entry point disposing it while the test still stops
    /// it) waits for the shutdown to finish instead of closing the database under the final checkpoint.
    /// </summary>
    public async ValueTask DisposeAsync() => await ShutDownOnce().ConfigureAwait(false);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task ShutDownOnce()
    {
        lock (_lock)
        {
            // On a thread-pool thread: the lane's join and the models' drain block.
            return _shutdown ??= Task.Run(ShutDownAsync);
        }
    }

    private async Task ShutDownAsync()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var laneJoined = lane.Stop(CueLane.JoinTimeout);
        var modelsFreed = inference.Stop(FaceAnalyzerHost.DrainTimeout);
        var checkpoint = await audit.FinalCheckpointAsync().ConfigureAwait(false);
        logger.LogInformation("Silo stopped in {Elapsed:F0} ms: cue lane {Lane}, face models {Models}, audit head checkpoint {Checkpoint}",
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            laneJoined ? "joined" : "NOT joined",
            modelsFreed ? "freed" : "KEPT (calls still running)",
            checkpoint?.Checkpoint is { } head ? $"at record {head.Sequence}" : "not written");
    }
}
