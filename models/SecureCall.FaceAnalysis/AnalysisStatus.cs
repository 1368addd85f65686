namespace SecureCall.FaceAnalysis;

public enum AnalysisStatus
{
    Face,
    NoFace,
    BadFrame,
}
