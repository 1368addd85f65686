namespace SecureCall.FaceAnalysis.Inference;

/// <summary>The loaded model set; load once per process and share (sessions are thread-safe).</summary>
public sealed class FaceModels : IDisposable
{
    public FaceModels(FaceAnalysisOptions options)
    {
        BlazeFace = Load(options, options.BlazeFacePath, "blazeface");
        FaceMesh = Load(options, options.FaceMeshPath, "facemesh");
        Emotion = Load(options, options.EmotionPath, "emotion");
        AntiSpoof = Load(options, options.AntiSpoofPath, "antispoof");
        Liveness = Load(options, options.LivenessPath, "liveness");
        FaceRes = Load(options, options.FaceResPath, "faceres");
        // Operator-supplied, so there is no default file and no manifest entry.
        Deepfake = string.IsNullOrWhiteSpace(options.DeepfakePath) ? null : new OnnxModelSession(options.DeepfakePath, options.IntraOpThreads);
    }

    public OnnxModelSession BlazeFace { get; }

    public OnnxModelSession FaceMesh { get; }

    public OnnxModelSession Emotion { get; }

    public OnnxModelSession AntiSpoof { get; }

    public OnnxModelSession Liveness { get; }

    public OnnxModelSession FaceRes { get; }

    /// <summary>The optional operator-supplied deepfake detector; null when none is configured.</summary>
    public OnnxModelSession? Deepfake { get; }

    /// <summary>Runs every model once on a blank input so the first real frame does not pay for lazy initialisation.</summary>
    public void WarmUp()
    {
        foreach (var session in new[] { BlazeFace, FaceMesh, Emotion, AntiSpoof, Liveness, FaceRes, Deepfake }.OfType<OnnxModelSession>())
        {
            session.Run(new float[session.InputLength]);
        }
    }

    /// <summary>Default models are checked against the converter's manifest; operator-configured paths are used as given.</summary>
    private static OnnxModelSession Load(FaceAnalysisOptions options, string? configured, string name)
    {
        var path = options.ResolvePath(configured, name);
        if (configured is null && File.Exists(path))
        {
            ModelIntegrity.Verify(path, name);
        }

        return new OnnxModelSession(path, options.IntraOpThreads);
    }

    public void Dispose()
    {
        BlazeFace.Dispose();
        FaceMesh.Dispose();
        Emotion.Dispose();
        AntiSpoof.Dispose();
        Liveness.Dispose();
        FaceRes.Dispose();
        Deepfake?.Dispose();
    }
}
