using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCall.FaceAnalysis;
using SecureCall.FaceAnalysis.Imaging;
using SecureCall.Options;

namespace SecureCall.Grains.Verification;

/// <summary>Loads the models and runs one blank frame through every one at start, so the first real frame is not slow.</summary>
public sealed class FaceModelWarmUp(FaceAnalyzerHost host, IOptions<InferenceOptions> options, ILogger<FaceModelWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.WarmUpAtStart)
        {
            return Task.CompletedTask;
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var blank = new RgbaImage(640, 480, new byte[640 * 480 * 4]);
        var face = host.Run(analyzer => analyzer.Detect(blank));
        logger.LogInformation("Face models warmed up in {Elapsed:F0} ms ({Faces} faces in a blank frame)",
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, face.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
