using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SecureCall.Grains.Audit;
using SecureCall.Grains.Verification;

namespace SecureCall.Hosting;

/// <summary>
/// The end of a silo's shutdown (docs/deploying.md, "Shutdown order"). By the time the host calls
/// <see cref="StoppedAsync"/> it has stopped every hosted service, in reverse order of registration: the web server
/// (no new requests, frames or hub connections), the background services (each awaited), then the silo (grains
/// deactivated: verification sessions discard their outstanding cues; in a cluster their callers move to other silos).
/// This then stops, in order, what only the silo used: the cue lane (queued cues discarded, its threads joined),
/// inference (calls in flight finish, later ones are refused, then the models are freed) and the audit log (appends
/// closed and flushed, then the final signed head checkpoint). The container closes storage last, when it is disposed.
/// </summary>
public sealed class SiloShutdown(CueLane lane, FaceAnalyzerHost inference, AuditHeadCheckpointService audit, ILogger<SiloShutdown> logger)
    : IHostedLifecycleService
{
    public async Task StoppedAsync(CancellationToken cancellationToken)
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

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
