using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.WebFrontend.Realtime;

/// <summary>
/// The per-frame work of one session, the same for the SignalR stream, the seed WebSocket, tests and the
/// benchmark: run the models (tracking from the last mesh; a face embedding on the first face and then every
/// <c>embeddingEveryFrames</c> frames, so the session can check who it is), then hand the measurements to the
/// session grain. Not thread-safe: one feeder per session, fed in order.
/// </summary>
public sealed class SessionFrameFeeder(IGrainFactory grains, string sessionId, string userId, int embeddingEveryFrames)
{
    private readonly IVerificationSessionGrain _session = grains.GetGrain<IVerificationSessionGrain>(sessionId);
    private readonly IFaceInferenceGrain _worker = grains.GetGrain<IFaceInferenceGrain>(0);
    private float[]? _mesh;
    private int _framesSinceEmbedding = int.MaxValue;

    /// <summary>Analyses and submits one frame: the session's answer, or a problem for the client (bad frame, refused nonce).</summary>
    public async Task<FrameOutcome> FeedAsync(byte[] frame, long timestamp, string challengeId, string nonce)
    {
        var wantEmbedding = _framesSinceEmbedding >= embeddingEveryFrames;
        var result = await _worker.AnalyzeAsync(new FaceInferenceRequest(frame, timestamp, Track: _mesh is not null, wantEmbedding, _mesh));
        if (result.Status is FaceInferenceStatus.BadFrame or FaceInferenceStatus.Busy)
        {
            return FrameOutcome.Problem($"{result.Status}: {result.Problem}");
        }
        _mesh = result.Mesh;
        if (result.Analysis?.Embedding is not null)
        {
            _framesSinceEmbedding = 0;
        }
        else if (_framesSinceEmbedding < int.MaxValue)
        {
            _framesSinceEmbedding++;
        }
        try
        {
            return FrameOutcome.Answered(await _session.SubmitAsync(userId, challengeId, nonce, result.Analysis ?? NoFace(timestamp)));
        }
        catch (SecureCallException refusal)
        {
            return FrameOutcome.Problem($"{refusal.Code}: {refusal.Message}");
        }
    }

    private static FaceObservation NoFace(long timestamp) =>
        new(timestamp, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, [0, 0, 0, 0, 0, 0, 1], 0, 0, null);
}
