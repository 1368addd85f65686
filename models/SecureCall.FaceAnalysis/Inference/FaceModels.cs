namespace SecureCall.FaceAnalysis.Inference;

/// <summary>The loaded model set; load once per process and share (sessions are thread-safe).</summary>
public sealed class FaceModels : IDisposable
{
    public FaceModels(FaceAnalysisOptions options)
    {
        BlazeFace = new OnnxModelSession(options.ResolvePath(options.BlazeFacePath, "blazeface"), options.IntraOpThreads);
        FaceMesh = new OnnxModelSession(options.ResolvePath(options.FaceMeshPath, "facemesh"), options.IntraOpThreads);
        Emotion = new OnnxModelSession(options.ResolvePath(options.EmotionPath, "emotion"), options.IntraOpThreads);
        AntiSpoof = new OnnxModelSession(options.ResolvePath(options.AntiSpoofPath, "antispoof"), options.IntraOpThreads);
        Liveness = new OnnxModelSession(options.ResolvePath(options.LivenessPath, "liveness"), options.IntraOpThreads);
        FaceRes = new OnnxModelSession(options.ResolvePath(options.FaceResPath, "faceres"), options.IntraOpThreads);
    }

    public OnnxModelSession BlazeFace { get; }

    public OnnxModelSession FaceMesh { get; }

    public OnnxModelSession Emotion { get; }

    public OnnxModelSession AntiSpoof { get; }

    public OnnxModelSession Liveness { get; }

    public OnnxModelSession FaceRes { get; }

    public void Dispose()
    {
        BlazeFace.Dispose();
        FaceMesh.Dispose();
        Emotion.Dispose();
        AntiSpoof.Dispose();
        Liveness.Dispose();
        FaceRes.Dispose();
    }
}
