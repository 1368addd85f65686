using SkiaSharp;

namespace SecureCall.FaceAnalysis.Benchmarks;

/// <summary>Builds the 640×480 JPEG the benchmarks analyse from a sample photo (fetched by models/prepare.sh).</summary>
public static class BenchmarkFrames
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecureCall.Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found; run from inside the repository.");
    }

    /// <summary>A 4:3 region around the first face of sample1.jpg, scaled to 640×480, JPEG quality 90.</summary>
    public static byte[] Jpeg640x480(string root)
    {
        var photo = Path.Combine(root, "models", "node_modules", "@vladmandic", "face-api", "demo", "sample1.jpg");
        using var source = SKBitmap.Decode(photo) ?? throw new FileNotFoundException("Run models/prepare.sh first.", photo);
        using var surface = SKSurface.Create(new SKImageInfo(640, 480));
        using var image = SKImage.FromBitmap(source);
        surface.Canvas.DrawImage(image, new SKRect(120, 150, 920, 750), new SKRect(0, 0, 640, 480), new SKSamplingOptions(SKFilterMode.Linear));
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
