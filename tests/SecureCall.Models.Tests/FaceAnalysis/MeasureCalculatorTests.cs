using SecureCall.FaceAnalysis.Measures;
using SecureCall.Models.Tests.Infrastructure;

namespace SecureCall.Models.Tests.FaceAnalysis;

/// <summary>Measures respond to the landmark changes they stand for (on a real mesh from a sample photo).</summary>
public sealed class MeasureCalculatorTests(FaceModelsFixture fixture) : IClassFixture<FaceModelsFixture>
{
    private FaceMesh SampleMesh()
    {
        var analyzer = fixture.Analyzer();
        var bytes = File.ReadAllBytes(FaceModelsFixture.SamplePhoto(3));
        return analyzer.Analyze(bytes, new SecureCall.FaceAnalysis.AnalysisRequest()).Face!.Mesh;
    }

    [Fact]
    public void ClosingAnEye_LowersItsAspectRatio()
    {
        var mesh = SampleMesh();
        var closed = (float[])mesh.Values.Clone();
        // Move the right eye's upper lid points onto the lower lid points.
        foreach (var (upper, lower) in new[] { (160, 144), (158, 153) })
        {
            closed[(3 * upper) + 1] = closed[(3 * lower) + 1];
        }

        var open = MeasureCalculator.Compute(mesh, null);
        var shut = MeasureCalculator.Compute(new FaceMesh(closed), null);

        Assert.True(shut.RightEyeAspectRatio < 0.3f * open.RightEyeAspectRatio, $"open {open.RightEyeAspectRatio}, closed {shut.RightEyeAspectRatio}");
        Assert.Equal(open.LeftEyeAspectRatio, shut.LeftEyeAspectRatio, 5);
    }

    [Fact]
    public void FlatteningDepth_DropsDepthSpread_AndMotionIsZeroForTheSameMesh()
    {
        var mesh = SampleMesh();
        var flat = (float[])mesh.Values.Clone();
        for (var i = 2; i < flat.Length; i += 3)
        {
            flat[i] = 0;
        }

        var real = MeasureCalculator.Compute(mesh, mesh);
        var photo = MeasureCalculator.Compute(new FaceMesh(flat), null);

        Assert.True(real.DepthSpread > 0.05f, $"depth spread {real.DepthSpread}");
        Assert.Equal(0f, photo.DepthSpread, 5);
        Assert.Equal(0f, real.Motion!.Value, 5);
        Assert.Null(photo.Motion);
    }

    [Fact]
    public void OpeningTheMouth_RaisesMouthOpening()
    {
        var mesh = SampleMesh();
        var open = (float[])mesh.Values.Clone();
        open[(3 * LandmarkIndex.LowerLipInner) + 1] += 40;

        Assert.True(MeasureCalculator.Compute(new FaceMesh(open), null).MouthOpening > MeasureCalculator.Compute(mesh, null).MouthOpening + 0.2f);
    }
}
