using SecureCall.FaceAnalysis;
using SecureCall.FaceAnalysis.Measures;
using SecureCall.Grains.Diagnostics;
using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Runs the face models on a frame, in whichever silo the caller is (stateless worker), through the silo's
/// <see cref="IFaceFrameAnalyzer"/>. Bad input never throws: oversized, truncated or non-image frames come back as
/// <see cref="FaceInferenceStatus.BadFrame"/> with a reason.
/// </summary>
[Orleans.Concurrency.StatelessWorker]
public sealed class FaceInferenceGrain(IFaceFrameAnalyzer analyzer) : Grain, IFaceInferenceGrain
{
    public async Task<FaceInferenceResult> AnalyzeAsync(FaceInferenceRequest request)
    {
        var result = await analyzer.AnalyzeAsync(request);
        SecureCallMetrics.FramesAnalysed.Add(1, new KeyValuePair<string, object?>("outcome", result.Status.ToString()));
        return result;
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
            DeepfakeReal: face.DeepfakeReal,
            Landmarks: LandmarkSubset.Extract(face.Mesh, face.FrameWidth, face.FrameHeight),
            Tracked: face.TrackedTexture is { } tracked ? Normalised(tracked, face.FrameWidth, face.FrameHeight) : null,
            ScreenGrid: face.ScreenGrid, GamutClipped: face.GamutClipped);
    }

    /// <summary>Pixel points → x, y divided by the frame's longer side, as the landmark subset.</summary>
    private static float[] Normalised(System.Numerics.Vector2[] points, int width, int height)
    {
        var scale = 1f / Math.Max(1, Math.Max(width, height));
        return points.SelectMany(p => new[] { p.X * scale, p.Y * scale }).ToArray();
    }
}
