using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCall.Options;
using SecureCall.Security;
using SecureCall.Security.Challenges;

namespace SecureCall.Grains.Identity;

/// <summary>
/// Deletes challenges that expired a while ago, so the table stays bounded by the issue rate rather than growing
/// forever. They are kept for a while past expiry so that a late replay is reported as a replay, not as unknown.
/// </summary>
public sealed class ExpiredChallengeSweeper(
    IChallengeStore challenges,
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
                var deleted = await challenges.DeleteExpiredBeforeAsync(time.GetUtcNow() - options.Value.RetainConsumedFor).ConfigureAwait(false);
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
