using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCall.Options;
using SecureCall.Security;
using SecureCall.Security.Audit;

namespace SecureCall.Grains.Audit;

/// <summary>
/// Signs the audit chain's head at start, soon after records are appended (once the head stayed still for
/// <see cref="AuditOptions.HeadCheckpointDelay"/>, and at least every <see cref="AuditOptions.HeadCheckpointInterval"/>
/// while records keep coming), when the host stops and once more at the end of the shutdown
/// (<see cref="FinalCheckpointAsync"/>, after the silo, so the last records of its shutdown are covered), so cutting
/// records off the end of the log is noticed by <c>verify-audit</c>. Each checkpoint is logged too: a log shipped off
/// the machine is an anchor even someone holding the signing key cannot roll back.
/// </summary>
public sealed class AuditHeadCheckpointService(IAuditLog log, IOptions<AuditOptions> options, SecurityClock time, ILogger<AuditHeadCheckpointService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Taken before each checkpoint: a record stored while it is written prompts the next one.
        var moved = log.NextAppendAsync();
        var outcome = await CheckpointAsync().ConfigureAwait(false);
        while (true)
        {
            if (outcome is null or { Refusal: not null })
            {
                // Failed or refused (tampering): try, and log, again after the interval, also if nothing more is appended.
                moved = Task.WhenAny(moved, Task.Delay(options.Value.HeadCheckpointInterval, time.Provider, stoppingToken));
            }
            await moved.WaitAsync(stoppingToken).ConfigureAwait(false);
            await SettleAsync(stoppingToken).ConfigureAwait(false);
            moved = log.NextAppendAsync();
            outcome = await CheckpointAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until no record arrived for the delay (a burst is signed once, after it ends), but no longer than the
    /// interval since the head first moved.
    /// </summary>
    private async Task SettleAsync(CancellationToken stoppingToken)
    {
        var due = time.GetUtcNow() + options.Value.HeadCheckpointInterval;
        while (true)
        {
            var wait = Min(options.Value.HeadCheckpointDelay, due - time.GetUtcNow());
            if (wait <= TimeSpan.Zero)
            {
                return;
            }
            var next = log.NextAppendAsync();
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var still = Task.Delay(wait, time.Provider, quiet.Token);
            var first = await Task.WhenAny(next, still).ConfigureAwait(false);
            await quiet.CancelAsync().ConfigureAwait(false);
            stoppingToken.ThrowIfCancellationRequested();
            if (first == still)
            {
                return;
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Writes a head checkpoint if the head moved; failures and refusals are logged, never thrown.</summary>
    public async Task<HeadCheckpointOutcome?> CheckpointAsync()
    {
        try
        {
            var outcome = await log.CheckpointHeadAsync().ConfigureAwait(false);
            if (outcome.Refusal is not null)
            {
                logger.LogError("Audit log tampering: {Refusal} No new head checkpoint is written until this is investigated (run verify-audit)", outcome.Refusal);
            }
            else if (outcome is { Written: true, Checkpoint: { } checkpoint })
            {
                logger.LogInformation("Audit head checkpoint: record {Sequence}, hash {Hash}, signed by {KeyId}",
                    checkpoint.Sequence, Convert.ToHexStringLower(checkpoint.Hash), checkpoint.KeyId);
            }
            return outcome;
        }
        catch (ObjectDisposedException)
        {
            // The host was disposed before it finished stopping (a stop that ran out of time): the database is closed.
            logger.LogWarning("Audit head checkpoint skipped: the database is already closed");
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Audit head checkpoint failed; will retry next interval");
            return null;
        }
    }

    /// <summary>Stops the schedule and checkpoints the head as it is now, in case the host is torn down before <see cref="FinalCheckpointAsync"/>.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await CheckpointAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The shutdown's last checkpoint, once nothing appends any more (the silo has stopped): appends are closed and
    /// flushed first, so the checkpoint covers the last record written.
    /// </summary>
    public async Task<HeadCheckpointOutcome?> FinalCheckpointAsync()
    {
        try
        {
            await log.StopAppendingAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Still checkpoint what is stored: a failed flush loses no stored record.
            logger.LogError(exception, "Flushing the audit log at shutdown failed");
        }
        return await CheckpointAsync().ConfigureAwait(false);
    }
}
