using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Options;

using SecureCall.Grains.Hosting;

namespace SecureCall.Grains.Storage;

/// <summary>
/// Deletes challenge rows that can no longer be used (expired, or consumed long ago), so the table stays bounded
/// by the issue rate rather than growing forever. Consumed markers are kept past expiry so replays stay rejected.
/// </summary>
public sealed class ExpiredChallengeSweeper(
    SqliteDatabase database,
    IOptions<ChallengeOptions> options,
    SecurityClock time,
    ILogger<ExpiredChallengeSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time.Provider);
        do
        {
            try
            {
                var cutoff = time.GetUtcNow() - options.Value.NonceLifetime - options.Value.RetainConsumedFor;
                var deleted = await database.WriteAsync(session =>
                {
                    var command = session.Command("DELETE FROM grain_state WHERE store=$s AND updated_at < $t");
                    command.Parameters.AddWithValue("$s", StorageNames.Challenges);
                    command.Parameters.AddWithValue("$t", cutoff.ToUnixTimeMilliseconds());
                    return command.ExecuteNonQuery();
                }).ConfigureAwait(false);
                if (deleted > 0)
                {
                    logger.LogInformation("Swept {Count} expired challenges", deleted);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Sweeping expired challenges failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
