namespace SecureCall.FaceAnalysis.Tracking;

/// <summary>
/// Small grey patches of the frame's own texture around given points (the landmark subset), sampled on a grid whose
/// step scales with the face, so they can be found again in a later frame whatever the camera's resolution.
/// </summary>
/// <param name="Step">Grid step in frame pixels (the face width / <see cref="StepsPerFaceWidth"/>).</param>
/// <param name="Grey">Point after point, <see cref="Side"/>×<see cref="Side"/> grey values 0–255; 0 where the frame had no pixels.</param>
/// <param name="Points">Where each patch is centred, frame pixels (set by <see cref="PatchTracker.Cut"/> and by the analyzer).</param>
public sealed record TexturePatches(float Step, byte[] Grey, System.Numerics.Vector2[]? Points = null)
{
    /// <summary>Samples per patch side.</summary>
    public const int Side = 15;

    /// <summary>Grid steps in one face width (1.5 px for a 210-px-wide face: a patch covers 10 % of the face width).</summary>
    public const float StepsPerFaceWidth = 140f;

    public int Count => Grey.Length / (Side * Side);
}
