using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCall.FaceAnalysis;
using SecureCall.FaceAnalysis.Inference;
using SecureCall.Options;

namespace SecureCall.Grains.Verification;

/// <summary>
/// The silo's one set of ONNX sessions and the gate that bounds concurrent inferences. Models load on first use (or
/// at start when warm-up is on); a missing model file fails with a message naming the set-up step. Every model call
/// goes through <see cref="Run"/>, so <see cref="Stop"/> can free the native sessions only after the last call in flight
/// returned: a call that comes later is refused with <see cref="InferenceStoppedException"/>, never run on freed memory.
/// </summary>
public sealed class FaceAnalyzerHost : IDisposable
{
    /// <summary>How long a stop waits for model calls in flight (one takes milliseconds; a starved machine, seconds).</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(20);

    private readonly GuardedResource<LoadedModels> _models;
    private readonly ILogger<FaceAnalyzerHost> _logger;

    public FaceAnalyzerHost(IOptions<FaceAnalysisOptions> modelOptions, IOptions<InferenceOptions> options, ILogger<FaceAnalyzerHost> logger)
    {
        var analysis = modelOptions.Value;
        Gate = new SemaphoreSlim(options.Value.MaxConcurrentInferences);
        MaxFrameBytes = analysis.MaxFrameBytes;
        _logger = logger;
        _models = new GuardedResource<LoadedModels>(() =>
        {
            try
            {
                var models = new FaceModels(analysis);
                logger.LogInformation("Face models loaded from {Directory}", Path.GetFullPath(analysis.ModelDirectory));
                return new LoadedModels(models, new FaceAnalyzer(models, analysis));
            }
            catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or InvalidOperationException)
            {
                // ModelDirectory is absolute here (SecureCall.Hosting.ModelPathResolver): the message names the very folder that was tried.
                throw new InvalidOperationException(
                    $"Face models are not available in {Path.GetFullPath(analysis.ModelDirectory)} (a relative SecureCall:Models:ModelDirectory is looked "
                    + $"up in the working directory, the content root and the folders above them): run models/prepare.sh (or set SecureCall:Models paths). {exception.Message}",
                    exception);
            }
        });
    }

    public SemaphoreSlim Gate { get; }

    public int MaxFrameBytes { get; }

    /// <summary>Runs <paramref name="use"/> on the models (loading them first if needed); refused once <see cref="Stop"/> began.</summary>
    /// <exception cref="InferenceStoppedException">The silo is stopping.</exception>
    public T Run<T>(Func<FaceAnalyzer, T> use) => _models.Run(loaded => use(loaded.Analyzer));

    /// <summary>
    /// Refuses new model calls, waits up to <paramref name="timeout"/> for those in flight, then frees the models;
    /// whether they are freed (or were never loaded). Calls still running after the timeout keep them alive (logged):
    /// freeing them would crash the process.
    /// </summary>
    public bool Stop(TimeSpan timeout)
    {
        var freed = _models.Stop(timeout);
        if (!freed)
        {
            _logger.LogError("Face model calls were still running {Timeout} after the stop began: the models stay in memory until the process exits", timeout);
        }
        return freed;
    }

    // The gate's semaphore is not disposed: a frame that still waits on it at shutdown must be able to release it.
    public void Dispose() => Stop(DrainTimeout);

    private sealed record LoadedModels(FaceModels Models, FaceAnalyzer Analyzer) : IDisposable
    {
        public void Dispose() => Models.Dispose();
    }
}
