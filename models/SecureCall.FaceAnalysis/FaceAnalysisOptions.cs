namespace SecureCall.FaceAnalysis;

/// <summary>Model paths, thread counts and input bounds for <see cref="FaceAnalyzer"/>.</summary>
public sealed class FaceAnalysisOptions
{
    public const int DefaultMaxFrameBytes = 512 * 1024;
    public const int DefaultMaxDimension = 4096;
    public const int DefaultMinDimension = 32;
    public const long DefaultMaxPixels = 4_000_000;
    public const float DefaultMinDetectionScore = 0.2f;
    public const float DefaultNmsIou = 0.1f;
    public const float DefaultMinFaceFlag = 0.2f;
    public const float DefaultBoxEnlarge = 1.4f;
    public const int DefaultIntraOpThreads = 1;

    /// <summary>Folder holding the converted models (models/out); individual paths below override it.</summary>
    public string ModelDirectory { get; set; } = "models/out";

    /// <summary>Face detector (BlazeFace layout: 896 anchors, [logit, box, 6 keypoints]).</summary>
    public string? BlazeFacePath { get; set; }

    /// <summary>468-landmark mesh with a face flag.</summary>
    public string? FaceMeshPath { get; set; }

    /// <summary>7-class expression classifier on 64×64 grey.</summary>
    public string? EmotionPath { get; set; }

    /// <summary>Anti-spoof model: one sigmoid output, 1 = real. Swap in an own model (e.g. MesoNet-4) here.</summary>
    public string? AntiSpoofPath { get; set; }

    /// <summary>Liveness model: softmax [live, not live].</summary>
    public string? LivenessPath { get; set; }

    /// <summary>
    /// Optional extra deepfake detector (e.g. MesoNet-4) the operator supplies: one NHWC RGB input in [0,1], first
    /// output value = probability the face is real. Run on every analysed face and averaged into the anti-spoof score.
    /// </summary>
    public string? DeepfakePath { get; set; }

    /// <summary>Face descriptor; the output with 1024 values is the embedding.</summary>
    public string? FaceResPath { get; set; }

    /// <summary>ONNX Runtime intra-op threads per session.</summary>
    public int IntraOpThreads { get; set; } = DefaultIntraOpThreads;

    /// <summary>Frames larger than this many bytes are rejected before decoding.</summary>
    public int MaxFrameBytes { get; set; } = DefaultMaxFrameBytes;

    /// <summary>Largest accepted width or height, checked from the header before decoding.</summary>
    public int MaxDimension { get; set; } = DefaultMaxDimension;

    /// <summary>Smallest accepted width or height.</summary>
    public int MinDimension { get; set; } = DefaultMinDimension;

    /// <summary>Largest accepted pixel count, checked from the header before decoding.</summary>
    public long MaxPixels { get; set; } = DefaultMaxPixels;

    public float MinDetectionScore { get; set; } = DefaultMinDetectionScore;

    public float NmsIou { get; set; } = DefaultNmsIou;

    /// <summary>Mesh accepted (and tracking kept) while the face flag stays at or above this.</summary>
    public float MinFaceFlag { get; set; } = DefaultMinFaceFlag;

    /// <summary>Detected box enlargement before the square crop.</summary>
    public float BoxEnlarge { get; set; } = DefaultBoxEnlarge;

    public string ResolvePath(string? configured, string name) => configured ?? Path.Combine(ModelDirectory, name + ".onnx");
}
