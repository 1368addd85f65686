using SecureCall.FaceAnalysis;
using SecureCall.FaceAnalysis.Inference;

namespace SecureCall.Tests.Shared;

/// <summary>
/// A sample photo of the <c>@vladmandic/face-api</c> package (models/prepare.sh) with its face's 468 landmarks, located
/// in the test's own process with the face models, for tests that have no host (or no grain client) to ask: frames for
/// a browser's fake camera, frames streamed to a host run as its own process.
/// </summary>
public sealed record SampleFace(int Sample, byte[] Photo, float[] Mesh)
{
    /// <summary>Loads sample photo <paramref name="sample"/> (1–6) and locates its face with the models in models/out.</summary>
    public static SampleFace Locate(string repositoryRoot, int sample)
    {
        var path = SampleFaceFrames.PhotoPath(repositoryRoot, sample);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: run models/prepare.sh", path);
        }
        var photo = File.ReadAllBytes(path);
        var options = new FaceAnalysisOptions { ModelDirectory = Path.Combine(repositoryRoot, "models", "out") };
        using var models = new FaceModels(options);
        var located = new FaceAnalyzer(models, options).Analyze(photo, new AnalysisRequest());
        return located.Face?.Mesh.Values is { } mesh
            ? new SampleFace(sample, photo, mesh)
            : throw new InvalidOperationException($"sample{sample}.jpg: no face located ({located.Status})");
    }

    /// <summary>The photo as a moving 3-D head (<see cref="RenderedHead"/>), seeded by the sample's number.</summary>
    public RenderedHead Render(string repositoryRoot) => new(Photo, Mesh, FaceMeshTriangulation.Load(repositoryRoot), seed: Sample);
}
