using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCall.FaceAnalysis;
using SecureCall.FaceAnalysis.Inference;
using SecureCall.Options;

namespace SecureCall.Grains.Verification;

/// <summary>
/// The silo's one set of ONNX sessions and the gate that bounds concurrent inferences. Models load on first use (or
/// at start when warm-up is on); a missing model file fails with a message naming the set-up step.
/// </summary>
public sealed class FaceAnalyzerHost : IDisposable
{
    private readonly Lazy<(FaceModels Models, FaceAnalyzer Analyzer)> _loaded;

    public FaceAnalyzerHost(IOptions<FaceAnalysisOptions> modelOptions, IOptions<InferenceOptions> options, ILogger<FaceAnalyzerHost> logger)
    {
        var analysis = modelOptions.Value;
        Gate = new SemaphoreSlim(options.Value.MaxConcurrentInferences);
        MaxFrameBytes = analysis.MaxFrameBytes;
        _loaded = new Lazy<(FaceModels, FaceAnalyzer)>(() =>
        {
            try
            {
                var models = new FaceModels(analysis);
                logger.LogInformation("Face models loaded from {Directory}", Path.GetFullPath(analysis.ModelDirectory));
                return (models, new FaceAnalyzer(models, analysis));
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

    public FaceAnalyzer Analyzer => _loaded.Value.Analyzer;

    public void Dispose()
    {
        if (_loaded.IsValueCreated)
        {
            _loaded.Value.Models.Dispose();
        }
        Gate.Dispose();
    }
}
