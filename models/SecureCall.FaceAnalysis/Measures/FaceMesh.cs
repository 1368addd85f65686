using System.Numerics;

namespace SecureCall.FaceAnalysis.Measures;

/// <summary>468 MediaPipe face-mesh landmarks in image pixels (z in the same pixel scale, larger = farther).</summary>
public sealed class FaceMesh
{
    public const int LandmarkCount = 468;

    public FaceMesh(float[] xyz)
    {
        if (xyz.Length != LandmarkCount * 3)
        {
            throw new ArgumentException($"Expected {LandmarkCount * 3} values, got {xyz.Length}.", nameof(xyz));
        }

        Values = xyz;
    }

    /// <summary>x0, y0, z0, x1, … in image pixels.</summary>
    public float[] Values { get; }

    public Vector3 this[int index] => new(Values[3 * index], Values[(3 * index) + 1], Values[(3 * index) + 2]);

    /// <summary>Axis-aligned bounds of the landmarks in x and y.</summary>
    public (float Left, float Top, float Right, float Bottom) Bounds()
    {
        var (left, top, right, bottom) = (float.MaxValue, float.MaxValue, float.MinValue, float.MinValue);
        for (var i = 0; i < LandmarkCount; i++)
        {
            left = MathF.Min(left, Values[3 * i]);
            right = MathF.Max(right, Values[3 * i]);
            top = MathF.Min(top, Values[(3 * i) + 1]);
            bottom = MathF.Max(bottom, Values[(3 * i) + 1]);
        }

        return (left, top, right, bottom);
    }
}
