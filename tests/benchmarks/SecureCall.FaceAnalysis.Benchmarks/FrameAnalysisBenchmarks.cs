using BenchmarkDotNet.Attributes;
using SecureCall.FaceAnalysis.Imaging;
using SecureCall.FaceAnalysis.Inference;
using SecureCall.FaceAnalysis.Measures;

namespace SecureCall.FaceAnalysis.Benchmarks;

/// <summary>
/// Per-frame cost on a 640×480 JPEG with one intra-op thread: full (detect + embedding), tracked
/// (no detection, no embedding), the non-model share (decode + all resizes), and two-core throughput.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class FrameAnalysisBenchmarks
{
    private const int FramesPerWorker = 20;

    private FaceModels _models = null!;
    private FaceAnalyzer _analyzer = null!;
    private FaceAnalysisOptions _options = null!;
    private byte[] _jpeg = [];
    private FaceMesh _previous = null!;
    private CropRect _crop;
    private float[] _buffer = [];

    [GlobalSetup]
    public void Setup()
    {
        var root = BenchmarkFrames.RepositoryRoot();
        _options = new FaceAnalysisOptions { ModelDirectory = Path.Combine(root, "models", "out"), IntraOpThreads = 1 };
        _models = new FaceModels(_options);
        _analyzer = new FaceAnalyzer(_models, _options);
        _jpeg = BenchmarkFrames.Jpeg640x480(root);
        var first = _analyzer.Analyze(_jpeg, new AnalysisRequest());
        if (first.Face is null)
        {
            throw new InvalidOperationException($"The benchmark frame has no face ({first.Status}).");
        }

        _previous = first.Face.Mesh;
        _crop = first.Face.Crop;
        _buffer = new float[256 * 256 * 3];
    }

    [GlobalCleanup]
    public void Cleanup() => _models.Dispose();

    [Benchmark(Description = "(a) full frame: detect + mesh + all models + embedding")]
    public FrameAnalysis FullFrame() => _analyzer.Analyze(_jpeg, new AnalysisRequest(AnalysisMode.Detect, WantEmbedding: true));

    [Benchmark(Description = "(b) tracked frame, no embedding")]
    public FrameAnalysis TrackedFrame() => _analyzer.Analyze(_jpeg, new AnalysisRequest(AnalysisMode.Track, PreviousMesh: _previous));

    [Benchmark(Description = "overhead: decode + every model input (no inference)")]
    public float Overhead()
    {
        using var image = new FrameDecoder(_options).Decode(_jpeg).Image!;
        ModelInputs.BlazeFace(image, _buffer);
        ModelInputs.UnitRgb(image, _crop, 192, _buffer);
        ModelInputs.Grey(image, _crop, 64, _buffer);
        ModelInputs.UnitRgb(image, _crop, 128, _buffer);
        ModelInputs.UnitRgb(image, _crop, 32, _buffer);
        ModelInputs.ByteRgb(image, _crop, 224, _buffer);
        return _buffer[0];
    }

    [Benchmark(Description = "overhead of (b): decode of the face's window + the four tracked-frame inputs")]
    public float TrackedOverhead()
    {
        using var image = new FrameDecoder(_options).Decode(_jpeg, (_, _) => _crop).Image!;
        ModelInputs.UnitRgb(image, _crop, 192, _buffer);
        ModelInputs.Grey(image, _crop, 64, _buffer);
        ModelInputs.UnitRgb(image, _crop, 128, _buffer);
        ModelInputs.UnitRgb(image, _crop, 32, _buffer);
        return _buffer[0];
    }

    [Benchmark(Description = "model time of (b): facemesh + emotion + antispoof + liveness")]
    public int TrackedModelsOnly() =>
        _models.FaceMesh.Run(_buffer).Count + _models.Emotion.Run(_buffer).Count + _models.AntiSpoof.Run(_buffer).Count + _models.Liveness.Run(_buffer).Count;

    [Benchmark(Description = "model time of (a) beyond (b): blazeface + faceres")]
    public int DetectAndEmbedModelsOnly() => _models.BlazeFace.Run(_buffer).Count + _models.FaceRes.Run(_buffer).Count;

    [Benchmark(Description = "overhead: decode only")]
    public int DecodeOnly()
    {
        using var image = new FrameDecoder(_options).Decode(_jpeg).Image!;
        return image.Width;
    }

    [Benchmark(OperationsPerInvoke = 2 * FramesPerWorker, Description = "(c) throughput: 2 workers, tracked frames")]
    public void ThroughputTwoCores()
    {
        var workers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < FramesPerWorker; i++)
            {
                _analyzer.Analyze(_jpeg, new AnalysisRequest(AnalysisMode.Track, PreviousMesh: _previous));
            }
        })).ToArray();
        Task.WaitAll(workers);
    }
}
