using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Options;
using SecureCall.Security;
using SecureCall.Security.Audit;

namespace SecureCall.Grains.Audit;

/// <summary>
/// Purges audit records past retention at every start and then periodically. Because it works from record
/// timestamps rather than an in-memory schedule, a restart never loses a due purge.
/// </summary>
public sealed class AuditPurgeService(IAuditLog log, IOptions<AuditOptions> options, SecurityClock time, ILogger<AuditPurgeService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time.Provider);
        do
        {
            try
            {
                var cutoff = time.GetUtcNow() - options.Value.Retention;
                var purged = await log.PurgeOlderThanAsync(cutoff).ConfigureAwait(false);
                if (purged > 0)
                {
                    logger.LogInformation("Purged {Count} audit records older than {Cutoff}", purged, cutoff);
                    await log.AppendAsync(new AuditEvent(AuditEventType.AuditPurged, "audit", "purge", $"{purged} records before {cutoff:O}"))
                        .ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Audit purge failed; will retry next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
