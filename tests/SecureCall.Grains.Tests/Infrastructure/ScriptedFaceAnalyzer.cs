using System.Text.Json;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Tests.Verification;
using SecureCall.Grains.Verification;

namespace SecureCall.Grains.Tests.Infrastructure;

/// <summary>
/// Stands in for the face models in <see cref="ScriptedFaceClusterFixture"/>: a scripted frame carries the
/// measurements the models would have made of it, so session logic can be tested on constructed sequences. It is a
/// silo service, replaced by silo composition only; a caller with grain access still sends nothing but frames. Like
/// the models, it gives an embedding, emotions and the antispoof score only when the session asks for them, and texture (patches, or where
/// the reference texture is: the observation's own landmarks unless it says otherwise) only when asked for.
/// </summary>
public sealed class ScriptedFaceAnalyzer : IFaceFrameAnalyzer
{
    private static readonly byte[] Magic = "scripted-face\n"u8.ToArray();
    private static readonly byte[] HeldMagic = "scripted-face-held\n"u8.ToArray();

    /// <summary>A frame whose analysis will be <paramref name="observation"/>; deferred cues come measured at once.</summary>
    public static byte[] Frame(FaceObservation observation) => [.. Magic, .. JsonSerializer.SerializeToUtf8Bytes(observation)];

    /// <summary>
    /// As <see cref="Frame"/>, but its deferred cues are measured only when the session asks for them at once
    /// (<see cref="DeferredCues.MeasureNowAsync"/>), as when the silo's cue lane has had no spare time.
    /// </summary>
    public static byte[] HeldFrame(FaceObservation observation) => [.. HeldMagic, .. JsonSerializer.SerializeToUtf8Bytes(observation)];

    public async Task<AnalysedFrame> AnalyzeDeferringCuesAsync(FaceInferenceRequest request)
    {
        var held = request.Frame is not null && request.Frame.AsSpan().StartsWith(HeldMagic);
        var result = await AnalyzeAsync(held ? request with { Frame = [.. Magic, .. request.Frame.AsSpan(HeldMagic.Length)] } : request);
        if (result.Analysis is not { } face || !(request.WantSpoofCues || request.WantEmbedding))
        {
            return new AnalysedFrame(result, null);
        }
        var cues = new SecureCall.FaceAnalysis.FaceCues(face.AntiSpoofReal, face.LivenessLive, face.DeepfakeReal, face.ScreenGrid, face.GamutClipped, face.Embedding?.ToArray());
        var later = result with
        {
            Analysis = face with { AntiSpoofReal = null, LivenessLive = null, DeepfakeReal = null, ScreenGrid = null, GamutClipped = null, Embedding = null },
        };
        var deferred = new DeferredCues(() => cues);
        if (held)
        {
            Held.Enqueue(deferred);
        }
        else
        {
            // Measured with the frame, as when the silo's cue lane is idle.
            deferred.TryMeasure();
        }
        return new AnalysedFrame(later, deferred);
    }

    /// <summary>Every held frame's deferred cues, in the order they were given out.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<DeferredCues> Held { get; } = new();

    public Task<FaceInferenceResult> AnalyzeAsync(FaceInferenceRequest request)
    {
        if (request.Frame is null || !request.Frame.AsSpan().StartsWith(Magic))
        {
            return Task.FromResult(new FaceInferenceResult(FaceInferenceStatus.BadFrame, "not a scripted frame", null, null));
        }
        var observation = JsonSerializer.Deserialize<FaceObservation>(request.Frame.AsSpan(Magic.Length))!;
        if (!observation.FaceFound)
        {
            return Task.FromResult(new FaceInferenceResult(FaceInferenceStatus.NoFace, "no face found", null, null));
        }
        var analysed = observation with
        {
            Embedding = request.WantEmbedding ? observation.Embedding : null,
            Emotions = request.WantExpression ? observation.Emotions : [],
            AntiSpoofReal = request.WantSpoofCues ? observation.AntiSpoofReal : null,
            LivenessLive = request.WantSpoofCues ? observation.LivenessLive : null,
            DeepfakeReal = request.WantSpoofCues ? observation.DeepfakeReal : null,
            ScreenGrid = request.WantSpoofCues ? observation.ScreenGrid : null,
            GamutClipped = request.WantSpoofCues ? observation.GamutClipped : null,
            Tracked = request.ReferencePatches is null ? null : observation.Tracked ?? (observation.Landmarks is { } l ? FaceSequence.TextureOf(l) : null),
        };
        var patches = request.WantPatches && observation.Landmarks is { } at
            ? new FacePatches(1, new byte[SecureCall.FaceAnalysis.Measures.LandmarkSubset.Count * 225], FaceSequence.TextureOf(at))
            : null;
        return Task.FromResult(new FaceInferenceResult(FaceInferenceStatus.Face, null, analysed, null, patches));
    }
}
