using SecureCall.FaceAnalysis;
using SecureCall.FaceAnalysis.Inference;
using SecureCall.Models.Tests.Infrastructure;

namespace SecureCall.Models.Tests.FaceAnalysis;

/// <summary>A missing or altered model file is reported with the step that fixes it.</summary>
public sealed class FaceModelsLoadingTests(FaceModelsFixture fixture) : IClassFixture<FaceModelsFixture>
{
    [Fact]
    public void MissingModel_NamesPrepareScript()
    {
        using var empty = new TemporaryDirectory();

        var error = Assert.Throws<FileNotFoundException>(() => new FaceModels(new FaceAnalysisOptions { ModelDirectory = empty.Path }));

        Assert.Contains("models/prepare.sh", error.Message);
    }

    [Fact]
    public void AlteredModel_FailsTheManifestHashCheck()
    {
        fixture.Analyzer();
        using var copy = new TemporaryDirectory();
        foreach (var file in Directory.GetFiles(RepositoryPaths.OutDir))
        {
            File.Copy(file, System.IO.Path.Combine(copy.Path, System.IO.Path.GetFileName(file)));
        }

        using (var stream = File.OpenWrite(System.IO.Path.Combine(copy.Path, "emotion.onnx")))
        {
            stream.Seek(-1, SeekOrigin.End);
            stream.WriteByte(0x42);
        }

        var error = Assert.Throws<InvalidDataException>(() => new FaceModels(new FaceAnalysisOptions { ModelDirectory = copy.Path }));

        Assert.Contains("emotion.onnx", error.Message);
        Assert.Contains("models/prepare.sh", error.Message);
    }

    [Fact]
    public void WarmUp_RunsEveryModel()
    {
        fixture.Analyzer();
        using var models = new FaceModels(new FaceAnalysisOptions { ModelDirectory = RepositoryPaths.OutDir });

        var exception = Record.Exception(models.WarmUp);

        Assert.Null(exception);
        Assert.Equal((256, 3), (models.BlazeFace.InputSize, models.BlazeFace.InputChannels));
        Assert.Equal((64, 1), (models.Emotion.InputSize, models.Emotion.InputChannels));
        Assert.Equal((224, 3), (models.FaceRes.InputSize, models.FaceRes.InputChannels));
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("face-models-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
