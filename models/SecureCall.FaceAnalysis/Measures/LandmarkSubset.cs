namespace SecureCall.FaceAnalysis.Measures;

/// <summary>
/// A compact, fixed subset of the 468 mesh landmarks that the session's motion checks need (continuity, parallax):
/// midline points, then left/right pairs, so every point keeps its identity and its mirror partner. 58 points,
/// 174 floats per frame instead of 1404. Coordinates are normalised by the frame's longer side (x, y in 0–1, z in the
/// same scale), so they do not depend on the camera's resolution and keep the image's aspect.
/// </summary>
public static class LandmarkSubset
{
    /// <summary>Points on the face's midline: forehead, nose bridge and tip, lips, chin.</summary>
    public static readonly int[] Midline = [10, 151, 168, 6, 4, 1, 2, 0, 13, 14, 17, 152];

    /// <summary>(subject's right, subject's left) pairs: eyes, brows, nose wings, cheeks, jaw, mouth, temples.</summary>
    public static readonly (int Right, int Left)[] Pairs =
    [
        (33, 263), (133, 362), (159, 386), (145, 374),
        (70, 300), (105, 334), (107, 336),
        (129, 358), (98, 327),
        (234, 454), (50, 280), (123, 352),
        (172, 397), (136, 365), (150, 379), (58, 288),
        (61, 291), (40, 270), (91, 321),
        (127, 356), (162, 389), (54, 284), (21, 251),
    ];

    /// <summary>Mesh indices in subset order: the midline, then each pair's right and left point.</summary>
    public static readonly int[] MeshIndices = [.. Midline, .. Pairs.SelectMany(p => new[] { p.Right, p.Left })];

    public static int Count => MeshIndices.Length;

    /// <summary>For subset point i, the subset index of its mirror partner (itself on the midline).</summary>
    public static readonly int[] MirrorOf = BuildMirror();

    /// <summary>Subset positions of points the measures use directly.</summary>
    public static int NoseTip => Array.IndexOf(MeshIndices, LandmarkIndex.NoseTip);

    public static int RightCheek => Array.IndexOf(MeshIndices, LandmarkIndex.RightCheek);

    public static int LeftCheek => Array.IndexOf(MeshIndices, LandmarkIndex.LeftCheek);

    /// <summary>True for the subject's right-hand points (and false for midline and left ones).</summary>
    public static bool IsRight(int i) => i >= Midline.Length && (i - Midline.Length) % 2 == 0;

    /// <summary>The subset of <paramref name="mesh"/> as x, y, z triples divided by the frame's longer side.</summary>
    public static float[] Extract(FaceMesh mesh, int frameWidth, int frameHeight)
    {
        var scale = 1f / Math.Max(1, Math.Max(frameWidth, frameHeight));
        var points = new float[Count * 3];
        for (var i = 0; i < Count; i++)
        {
            var p = mesh[MeshIndices[i]];
            points[3 * i] = p.X * scale;
            points[(3 * i) + 1] = p.Y * scale;
            points[(3 * i) + 2] = p.Z * scale;
        }

        return points;
    }

    private static int[] BuildMirror()
    {
        var mirror = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            mirror[i] = i < Midline.Length ? i : IsRight(i) ? i + 1 : i - 1;
        }

        return mirror;
    }
}
