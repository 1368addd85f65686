namespace SecureCall.FaceAnalysis;

/// <summary>How the face crop is found.</summary>
public enum AnalysisMode
{
    /// <summary>Run the detector on the whole frame.</summary>
    Detect,

    /// <summary>Reuse the previous frame's mesh for the crop; falls back to detection when the face flag drops.</summary>
    Track,
}
