using System.Diagnostics;
using SecureCall.FaceAnalysis.Inference;

namespace SecureCall.FaceAnalysis.Benchmarks;

/// <summary>
/// The cost of the first frames after a host starts, with or without the start's warm-up (<see cref="FaceAnalyzer.WarmUp"/>,
/// what FaceModelWarmUp runs): loads the models in this fresh process, then times frames 1 to 10 (full analysis with
/// the embedding, as a session's first frame is). One process per measurement, since the first one in a process also
/// pays the JIT: <c>dotnet run -c Release -- --first-frames cold</c> or <c>... --first-frames warmed</c>.
/// </summary>
public static class FirstFrames
{
    private const int Frames = 10;

    public static void Run(bool warmed)
    {
        var root = BenchmarkFrames.RepositoryRoot();
        var options = new FaceAnalysisOptions { ModelDirectory = Path.Combine(root, "models", "out"), IntraOpThreads = 1 };
        var jpeg = BenchmarkFrames.Jpeg640x480(root);
        var start = Stopwatch.StartNew();
        using var models = new FaceModels(options);
        var analyzer = new FaceAnalyzer(models, options);
        if (warmed)
        {
            analyzer.WarmUp();
        }
        var ready = start.Elapsed.TotalMilliseconds;
        var times = new double[Frames];
        for (var i = 0; i < Frames; i++)
        {
            var frame = Stopwatch.StartNew();
            analyzer.Analyze(jpeg, new AnalysisRequest(AnalysisMode.Detect, WantEmbedding: true));
            times[i] = frame.Elapsed.TotalMilliseconds;
        }
        Console.WriteLine(
            $"{(warmed ? "warmed" : "cold  ")}: load{(warmed ? " + warm-up" : "")} {ready,5:F0} ms | frame 1 {times[0],6:F1} ms | frame 10 {times[^1],6:F1} ms | " +
            $"median of 2-10 {Median(times[1..]),6:F1} ms | first/tenth {times[0] / times[^1]:F2}");
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
