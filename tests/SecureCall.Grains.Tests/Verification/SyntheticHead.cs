using SecureCall.FaceAnalysis.Measures;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>
/// Landmark subsets (<see cref="LandmarkSubset"/>) of a constructed face seen by a camera, for unit tests of the motion
/// checks without the models: the subset's points at their MediaPipe canonical texture positions (UV468 of
/// <c>@vladmandic/human</c>, left/right symmetric), given a depth, turned (yaw, pitch) about a pivot behind the face
/// and projected orthographically into a 640-px-wide frame at a webcam's face size. The depth makes it a head (a
/// rounded face with a nose), a flat print, or a print folded once (along the nose line, or aslant beside it).
/// </summary>
public sealed class SyntheticHead(SyntheticHead.Surface surface = SyntheticHead.Surface.Head)
{
    public enum Surface
    {
        Head,
        Flat,
        FoldedAlongNose,
        FoldedAslant,
    }

    /// <summary>Face width in the frame, normalised by the frame's longer side (210 of 640 px, as the rendered head).</summary>
    public const float FaceWidth = 210f / 640f;

    private static readonly (float U, float V)[] Canonical =
    [
        (0.500f, 0.107f), (0.500f, 0.191f), (0.500f, 0.352f), (0.500f, 0.401f), (0.500f, 0.527f), (0.500f, 0.547f),
        (0.500f, 0.602f), (0.500f, 0.653f), (0.500f, 0.692f), (0.500f, 0.695f), (0.500f, 0.737f), (0.500f, 0.954f),
        (0.280f, 0.376f), (0.720f, 0.376f), (0.419f, 0.387f), (0.581f, 0.387f), (0.343f, 0.355f), (0.657f, 0.355f),
        (0.343f, 0.401f), (0.657f, 0.401f), (0.230f, 0.300f), (0.770f, 0.300f), (0.327f, 0.257f), (0.673f, 0.257f),
        (0.442f, 0.262f), (0.558f, 0.262f), (0.397f, 0.549f), (0.603f, 0.549f), (0.423f, 0.586f), (0.577f, 0.586f),
        (0.008f, 0.481f), (0.992f, 0.481f), (0.277f, 0.532f), (0.723f, 0.532f), (0.189f, 0.524f), (0.811f, 0.524f),
        (0.128f, 0.792f), (0.872f, 0.792f), (0.198f, 0.832f), (0.802f, 0.832f), (0.266f, 0.870f), (0.734f, 0.870f),
        (0.067f, 0.730f), (0.933f, 0.730f), (0.382f, 0.695f), (0.618f, 0.695f), (0.415f, 0.667f), (0.585f, 0.667f),
        (0.418f, 0.720f), (0.582f, 0.720f), (0.019f, 0.402f), (0.981f, 0.402f), (0.058f, 0.319f), (0.942f, 0.319f),
        (0.169f, 0.194f), (0.831f, 0.194f), (0.105f, 0.254f), (0.895f, 0.254f),
    ];

    /// <summary>Extra depth of the nose points (towards the camera, face widths): bridge, tip, under the tip, wings.</summary>
    private static readonly Dictionary<int, float> Nose = new() { [168] = 0.04f, [6] = 0.08f, [4] = 0.17f, [1] = 0.19f, [2] = 0.12f, [129] = 0.06f, [358] = 0.06f, [98] = 0.05f, [327] = 0.05f };

    /// <summary>The subset as the camera sees it at <paramref name="yaw"/> and <paramref name="pitch"/> (degrees, FaceObservation's signs).</summary>
    public float[] Landmarks(float yaw, float pitch, float shiftX = 0, float shiftY = 0)
    {
        var (cy, sy) = (MathF.Cos(yaw * MathF.PI / 180), MathF.Sin(yaw * MathF.PI / 180));
        var (cp, sp) = (MathF.Cos(pitch * MathF.PI / 180), MathF.Sin(pitch * MathF.PI / 180));
        var points = new float[LandmarkSubset.Count * 3];
        for (var i = 0; i < LandmarkSubset.Count; i++)
        {
            var x = Canonical[i].U - 0.5f;
            var y = (Canonical[i].V - 0.5f) * 1.2f;
            var d = Depth(i, x, y) + 0.5f; // towards the camera, from a pivot half a face width behind the face
            // Pitch (positive = looks up: the nose rises), then yaw (positive = turns to the person's left: the nose goes to the image's right).
            var (y1, d1) = ((y * cp) - (d * sp), (y * sp) + (d * cp));
            var (x2, d2) = ((x * cy) + (d1 * sy), (-x * sy) + (d1 * cy));
            points[3 * i] = 0.5f + shiftX + (x2 * FaceWidth);
            points[(3 * i) + 1] = 0.375f + shiftY + (y1 * FaceWidth);
            points[(3 * i) + 2] = -d2 * FaceWidth;
        }
        return points;
    }

    private float Depth(int i, float x, float y) => surface switch
    {
        // A rounded face (a cylinder of the face's width) with the nose standing out.
        Surface.Head => (0.35f * MathF.Sqrt(Math.Max(0, 1 - (4 * x * x)))) + Nose.GetValueOrDefault(LandmarkSubset.MeshIndices[i]),
        Surface.Flat => 0,
        // Both halves of the print bent back from the nose line by 30°.
        Surface.FoldedAlongNose => -MathF.Abs(x) * MathF.Tan(30 * MathF.PI / 180),
        // Bent back by 30° from a line 20° off vertical, passing a tenth of the face's width beside the nose.
        _ => -MathF.Abs((x * MathF.Cos(20 * MathF.PI / 180)) + (y * MathF.Sin(20 * MathF.PI / 180)) - 0.1f) * MathF.Tan(30 * MathF.PI / 180),
    };
}
