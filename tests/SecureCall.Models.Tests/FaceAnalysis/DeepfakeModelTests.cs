using SecureCall.FaceAnalysis;
using SecureCall.FaceAnalysis.Inference;
using SecureCall.Models.Tests.Infrastructure;

namespace SecureCall.Models.Tests.FaceAnalysis;

/// <summary>
/// The optional operator-supplied deepfake detector. The converted antispoof model stands in for the operator's
/// model (same contract: one RGB input in [0,1], first output = probability real), so its answer is known exactly.
/// </summary>
public sealed class DeepfakeModelTests
{
    [Fact]
    public void ConfiguredDeepfakeModel_RunsOnTheFaceCropAndIsReported()
    {
        var options = new FaceAnalysisOptions { ModelDirectory = RepositoryPaths.OutDir, DeepfakePath = Path.Combine(RepositoryPaths.OutDir, "antispoof.onnx") };
        using var models = new FaceModels(options);

        var face = new FaceAnalyzer(models, options).Analyze(File.ReadAllBytes(FaceModelsFixture.SamplePhoto(1)), new AnalysisRequest()).Face!;

        Assert.NotNull(face.DeepfakeReal);
        Assert.Equal(face.Real, face.DeepfakeReal!.Value);
    }

    [Fact]
    public void WithoutADeepfakeModel_NothingIsReported()
    {
        var options = new FaceAnalysisOptions { ModelDirectory = RepositoryPaths.OutDir };
        using var models = new FaceModels(options);

        var face = new FaceAnalyzer(models, options).Analyze(File.ReadAllBytes(FaceModelsFixture.SamplePhoto(1)), new AnalysisRequest()).Face!;

        Assert.Null(models.Deepfake);
        Assert.Null(face.DeepfakeReal);
    }

    [Fact]
    public void MissingDeepfakeModel_FailsLoudlyAtLoad()
    {
        var options = new FaceAnalysisOptions { ModelDirectory = RepositoryPaths.OutDir, DeepfakePath = "/nonexistent/mesonet4.onnx" };

        var error = Assert.Throws<FileNotFoundException>(() => new FaceModels(options));

        Assert.Contains("mesonet4.onnx", error.Message);
    }
}
