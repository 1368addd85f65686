using SecureCall.FaceAnalysis.Imaging;

namespace SecureCall.FaceAnalysis;

/// <summary>The typed outcome of analysing one frame: a face, no face, or a bad frame with its reason.</summary>
public sealed record FrameAnalysis(AnalysisStatus Status, FaceResult? Face, BadFrameReason? BadFrame)
{
    public static FrameAnalysis NoFace { get; } = new(AnalysisStatus.NoFace, null, null);

    public static FrameAnalysis Bad(BadFrameReason reason) => new(AnalysisStatus.BadFrame, null, reason);

    public static FrameAnalysis Found(FaceResult face) => new(AnalysisStatus.Face, face, null);
}
