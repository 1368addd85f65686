using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SecureCall.Storage.Postgres;

/// <summary>
/// Creates the audit log's day partitions a week ahead, at start and then every few hours, so appends never wait for
/// a partition to be created (creating one locks the table). Every silo runs it; creation is idempotent.
/// </summary>
public sealed class AuditPartitionMaintenance(PostgresAuditLog log, TimeProvider time, ILogger<AuditPartitionMaintenance> logger) : BackgroundService
{
    public const int DaysAhead = 7;
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await log.CreatePartitionsAheadAsync(DaysAhead).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Not fatal: an append into a day without a partition creates it itself.
                logger.LogWarning(exception, "Creating audit partitions ahead failed; will retry in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
