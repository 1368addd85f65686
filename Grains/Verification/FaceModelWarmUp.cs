using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCall.FaceAnalysis;
using SecureCall.Options;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Loads the models at start and runs every one once, plus the detection path over a blank frame
/// (<see cref="FaceAnalyzer.WarmUp"/>), so the first real frame is not slow.
/// </summary>
public sealed class FaceModelWarmUp(FaceAnalyzerHost host, IOptions<InferenceOptions> options, ILogger<FaceModelWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.WarmUpAtStart)
        {
            return Task.CompletedTask;
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        host.Run(analyzer =>
        {
            analyzer.WarmUp();
            return true;
        });
        logger.LogInformation("Face models loaded and every one warmed up in {Elapsed:F0} ms",
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
