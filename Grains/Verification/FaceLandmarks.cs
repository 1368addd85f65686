using System.Numerics;
using SecureCall.FaceAnalysis.Measures;

namespace SecureCall.Grains.Verification;

/// <summary>Reads a frame's landmark subset (<see cref="LandmarkSubset"/>: x, y, z triples) as image-plane points.</summary>
public static class FaceLandmarks
{
    /// <summary>True when <paramref name="landmarks"/> is a whole subset of finite values.</summary>
    public static bool IsValid(IReadOnlyList<float>? landmarks) =>
        landmarks is { Count: var n } && n == LandmarkSubset.Count * 3 && landmarks.All(float.IsFinite);

    public static Vector2[] Points(IReadOnlyList<float> landmarks)
    {
        var points = new Vector2[landmarks.Count / 3];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new Vector2(landmarks[3 * i], landmarks[(3 * i) + 1]);
        }
        return points;
    }

    /// <summary>Cheek-to-cheek distance in the image plane: the unit face movements are measured in.</summary>
    public static float FaceWidth(IReadOnlyList<Vector2> points) =>
        Vector2.Distance(points[LandmarkSubset.RightCheek], points[LandmarkSubset.LeftCheek]);

    /// <summary>The points of the face's mirror image: each point takes its partner's place, reflected left to right.</summary>
    public static Vector2[] Mirrored(IReadOnlyList<Vector2> points) =>
        Enumerable.Range(0, points.Count).Select(i => new Vector2(-points[LandmarkSubset.MirrorOf[i]].X, points[LandmarkSubset.MirrorOf[i]].Y)).ToArray();
}
