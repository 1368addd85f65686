using Microsoft.Extensions.Options;
using SecureCall.FaceAnalysis;
using SecureCall.FaceAnalysis.Measures;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Runs the face models on a frame, in whichever silo the caller is (stateless worker). Bad input never throws:
/// oversized, truncated or non-image frames come back as <see cref="FaceInferenceStatus.BadFrame"/> with a reason.
/// </summary>
[Orleans.Concurrency.StatelessWorker]
public sealed class FaceInferenceGrain(FaceAnalyzerHost host, IOptions<InferenceOptions> options) : Grain, IFaceInferenceGrain
{
    public async Task<FaceInferenceResult> AnalyzeAsync(FaceInferenceRequest request)
    {
        if (request.Frame is null || request.Frame.Length == 0 || request.Frame.Length > host.MaxFrameBytes)
        {
            return new FaceInferenceResult(FaceInferenceStatus.BadFrame, $"frames must be 1 to {host.MaxFrameBytes} bytes", null, null);
        }
        if (request.PreviousMesh is { Length: not FaceMesh.LandmarkCount * 3 })
        {
            return new FaceInferenceResult(FaceInferenceStatus.BadFrame, "previousMesh must hold 468 × 3 values", null, null);
        }
        if (!await host.Gate.WaitAsync(options.Value.MaxQueueWait))
        {
            return new FaceInferenceResult(FaceInferenceStatus.Busy, "inference is saturated; frame dropped", null, null);
        }
        try
        {
            // Off the grain scheduler: inference is CPU-bound and must not hold the silo's turn-based threads.
            var frame = await Task.Run(() => host.Analyzer.Analyze(request.Frame, new AnalysisRequest(
                request.Track ? AnalysisMode.Track : AnalysisMode.Detect,
                request.WantEmbedding,
                request.PreviousMesh is null ? null : new FaceMesh(request.PreviousMesh))));
            return frame.Status switch
            {
                AnalysisStatus.Face => new FaceInferenceResult(FaceInferenceStatus.Face, null, ToWire(frame.Face!, request.TimestampMs), frame.Face!.Mesh.Values),
                AnalysisStatus.NoFace => new FaceInferenceResult(FaceInferenceStatus.NoFace, "no face found", null, null),
                _ => new FaceInferenceResult(FaceInferenceStatus.BadFrame, frame.BadFrame?.ToString() ?? "unreadable frame", null, null),
            };
        }
        finally
        {
            host.Gate.Release();
        }
    }

    /// <summary>
    /// Library measures → wire record. Conventions differ: the library's yaw is positive towards the image's right
    /// (the subject's left on an unmirrored camera) and its pitch positive when looking down, so pitch flips sign.
    /// </summary>
    public static FaceObservation ToWire(FaceResult face, long timestampMs)
    {
        var m = face.Measures;
        return new FaceObservation(
            timestampMs, FaceFound: true, Yaw: m.Yaw, Pitch: -m.Pitch, Roll: m.Roll,
            LeftEyeAspect: m.LeftEyeAspectRatio, RightEyeAspect: m.RightEyeAspectRatio,
            MouthOpening: m.MouthOpening, SmileWidth: m.Smile, BrowRaise: m.BrowRaise, DepthSpread: m.DepthSpread,
            Motion: m.Motion ?? 0, Emotions: face.Emotions, AntiSpoofReal: face.Real, LivenessLive: face.Live, Embedding: face.Embedding,
            DeepfakeReal: face.DeepfakeReal);
    }
}
