using SecureCall.FaceAnalysis;
using SecureCall.Models.Tests.Infrastructure;
using SecureCall.Models.Tests.Parity;

namespace SecureCall.Models.Tests.FaceAnalysis;

/// <summary>
/// The C# pre-processing (resize convention, crop, scaling) must produce the model inputs the TF.js
/// pipeline produced from the same decoded pixels, within 1e-3 (faceres inputs compared on a 0–1 scale).
/// </summary>
public sealed class PipelineInputParityTests(FaceModelsFixture fixture) : IClassFixture<FaceModelsFixture>
{
    private const float Tolerance = 1e-3f;

    [Fact]
    public void BlazeFaceInputs_AndDetectedCrops_MatchTfjsPipeline()
    {
        var analyzer = fixture.Analyzer();
        var cases = ParityIndex.Load();
        foreach (var photo in ReferencePhoto.LoadAll())
        {
            var reference = cases.Single(c => c.Model == "blazeface" && c.Case == $"sample{photo.Number}").Input.Load(RepositoryPaths.ParityDir);
            var input = new float[reference.Length];
            ModelInputs.BlazeFace(photo.Image, input);
            AssertClose(reference, input, 1f, $"blazeface sample{photo.Number}");

            var faces = analyzer.Detect(photo.Image);
            Assert.NotEmpty(faces);
            Assert.Equal(photo.Crop, analyzer.CropFromDetection(faces[0], photo.Image));
        }
    }

    [Theory]
    [InlineData("facemesh")]
    [InlineData("emotion")]
    [InlineData("antispoof")]
    [InlineData("liveness")]
    [InlineData("faceres")]
    [InlineData("iris")]
    public void FaceCropInputs_MatchTfjsPipeline(string model)
    {
        fixture.Analyzer();
        var reference = ParityIndex.Load().Single(c => c.Model == model && c.Case == "faces").Input;
        var values = reference.Load(RepositoryPaths.ParityDir);
        var size = reference.Shape[1];
        var perFace = values.Length / reference.Shape[0];
        foreach (var photo in ReferencePhoto.LoadAll())
        {
            var input = new float[perFace];
            var scale = 1f;
            switch (model)
            {
                case "emotion":
                    ModelInputs.Grey(photo.Image, photo.Crop, size, input);
                    break;
                case "faceres":
                    ModelInputs.ByteRgb(photo.Image, photo.Crop, size, input);
                    scale = 255f;
                    break;
                default:
                    ModelInputs.UnitRgb(photo.Image, photo.Crop, size, input);
                    break;
            }

            AssertClose(values.AsSpan((photo.Number - 1) * perFace, perFace).ToArray(), input, scale, $"{model} sample{photo.Number}");
        }
    }

    private static void AssertClose(float[] expected, float[] actual, float scale, string what)
    {
        var maxError = 0f;
        for (var i = 0; i < expected.Length; i++)
        {
            maxError = MathF.Max(maxError, MathF.Abs(expected[i] - actual[i]) / scale);
        }

        Assert.True(maxError <= Tolerance, $"{what}: max input difference {maxError:E3} exceeds {Tolerance:E0}");
    }
}
