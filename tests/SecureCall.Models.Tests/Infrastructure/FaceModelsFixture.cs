using SecureCall.FaceAnalysis;
using SecureCall.FaceAnalysis.Inference;

namespace SecureCall.Models.Tests.Infrastructure;

/// <summary>Loads the converted models once for the pipeline tests (after checking prepare.sh has run).</summary>
public sealed class FaceModelsFixture : IDisposable
{
    private readonly PreparedModelsFixture _prepared = new();
    private readonly Lazy<FaceModels> _models;

    public FaceModelsFixture()
    {
        Options = new FaceAnalysisOptions { ModelDirectory = RepositoryPaths.OutDir };
        _models = new Lazy<FaceModels>(() => new FaceModels(Options));
    }

    public FaceAnalysisOptions Options { get; }

    public FaceAnalyzer Analyzer()
    {
        _prepared.EnsureReady();
        return new FaceAnalyzer(_models.Value, Options);
    }

    public static string SamplePhoto(int number) =>
        Path.Combine(RepositoryPaths.ModelsDir, "node_modules", "@vladmandic", "face-api", "demo", $"sample{number}.jpg");

    public void Dispose()
    {
        if (_models.IsValueCreated)
        {
            _models.Value.Dispose();
        }
    }
}
