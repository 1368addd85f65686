using Microsoft.Extensions.Options;
using SecureCall.FaceAnalysis;
using SecureCall.FaceAnalysis.Measures;
using SecureCall.FaceAnalysis.Tracking;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Runs the face models on a frame, bounded by the silo's inference gate; deferred cues go to the silo's
/// <see cref="CueLane"/>. Bad input never throws: oversized, truncated or non-image frames come back as
/// <see cref="FaceInferenceStatus.BadFrame"/> with a reason; a frame that arrives while the silo stops comes back as
/// <see cref="FaceInferenceStatus.Busy"/>.
/// </summary>
public sealed class OnnxFaceFrameAnalyzer(FaceAnalyzerHost host, CueLane lane, IOptions<InferenceOptions> options) : IFaceFrameAnalyzer
{
    public async Task<FaceInferenceResult> AnalyzeAsync(FaceInferenceRequest request) => (await AnalyzeAsync(request, defer: false)).Result;

    public Task<AnalysedFrame> AnalyzeDeferringCuesAsync(FaceInferenceRequest request) => AnalyzeAsync(request, defer: true);

    private async Task<AnalysedFrame> AnalyzeAsync(FaceInferenceRequest request, bool defer)
    {
        if (request.Frame is null || request.Frame.Length == 0 || request.Frame.Length > host.MaxFrameBytes)
        {
            return Refused($"frames must be 1 to {host.MaxFrameBytes} bytes");
        }
        if (request.PreviousMesh is { Length: not FaceMesh.LandmarkCount * 3 })
        {
            return Refused("previousMesh must hold 468 × 3 values");
        }
        if (request.ReferencePatches is { } reference && !IsPatchSet(reference))
        {
            return Refused("referencePatches must hold one 15×15 patch per subset landmark");
        }
        if (request.ReferencePatches is not null && (request.ReferencePoints is null || request.ReferencePoints.Length != LandmarkSubset.Count * 2))
        {
            return Refused("referencePoints must hold x, y per subset landmark with the reference patches");
        }
        if (request.OriginPatches is { } origin && (!IsPatchSet(origin) || origin.Points?.Length != LandmarkSubset.Count * 2))
        {
            return Refused("originPatches must hold one 15×15 patch and x, y per subset landmark");
        }
        if (!await host.Gate.WaitAsync(options.Value.MaxQueueWait))
        {
            return new AnalysedFrame(new FaceInferenceResult(FaceInferenceStatus.Busy, "inference is saturated; frame dropped", null, null), null);
        }
        try
        {
            // Off the grain scheduler: inference is CPU-bound and must not hold the silo's turn-based threads.
            return await Task.Run(() => host.Run(analyzer =>
            {
                var frame = analyzer.Analyze(request.Frame, new AnalysisRequest(
                    request.Track ? AnalysisMode.Track : AnalysisMode.Detect,
                    request.WantEmbedding,
                    request.PreviousMesh is null ? null : new FaceMesh(request.PreviousMesh),
                    request.WantPatches,
                    request.ReferencePatches is { } patches ? new TexturePatches(patches.Step, patches.Grey) : null,
                    request.ReferencePoints,
                    request.WantExpression,
                    request.WantSpoofCues,
                    DeferCues: defer,
                    OriginPatches: request.OriginPatches is { } first ? new TexturePatches(first.Step, first.Grey) : null,
                    OriginPoints: request.OriginPatches?.Points));
                var result = frame.Status switch
                {
                    AnalysisStatus.Face => new FaceInferenceResult(FaceInferenceStatus.Face, null, FaceInferenceGrain.ToWire(frame.Face!, request.TimestampMs), frame.Face!.Mesh.Values,
                        frame.Face!.Patches is { } cut ? new FacePatches(cut.Step, cut.Grey, Normalised(cut.Points, frame.Face!)) : null),
                    AnalysisStatus.NoFace => new FaceInferenceResult(FaceInferenceStatus.NoFace, "no face found", null, null),
                    _ => new FaceInferenceResult(FaceInferenceStatus.BadFrame, frame.BadFrame?.ToString() ?? "unreadable frame", null, null),
                };
                return new AnalysedFrame(result, frame.Face?.PendingCues is { } sample ? Defer(sample) : null);
            }));
        }
        catch (InferenceStoppedException)
        {
            return new AnalysedFrame(new FaceInferenceResult(FaceInferenceStatus.Busy, "the silo is stopping; frame not analysed", null, null), null);
        }
        finally
        {
            host.Gate.Release();
        }
    }

    /// <summary>Queues the sample's cues on the lane; when it is full they are measured here, still inside the gate.</summary>
    private DeferredCues Defer(CueSample sample)
    {
        var cues = new DeferredCues(() => Measure(sample), sample.Dispose);
        if (!lane.TryEnqueue(cues) && cues.TryMeasure())
        {
            CueLane.Measured("frame");
        }
        return cues;
    }

    /// <summary>The sample's cues; a refused measurement (the silo is stopping) still releases its pixels.</summary>
    private FaceCues Measure(CueSample sample)
    {
        try
        {
            return host.Run(analyzer => analyzer.MeasureCues(sample));
        }
        catch (InferenceStoppedException)
        {
            sample.Dispose();
            throw;
        }
    }

    private static bool IsPatchSet(FacePatches patches) =>
        patches.Grey is not null && patches.Grey.Length == LandmarkSubset.Count * TexturePatches.Side * TexturePatches.Side
        && float.IsFinite(patches.Step) && patches.Step is > 0 and <= 100;

    private static AnalysedFrame Refused(string problem) => new(new FaceInferenceResult(FaceInferenceStatus.BadFrame, problem, null, null), null);

    private static float[]? Normalised(System.Numerics.Vector2[]? points, FaceResult face)
    {
        var scale = 1f / Math.Max(1, Math.Max(face.FrameWidth, face.FrameHeight));
        return points?.SelectMany(p => new[] { p.X * scale, p.Y * scale }).ToArray();
    }
}
