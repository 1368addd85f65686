using System.Numerics;
using SecureCall.FaceAnalysis.Measures;

namespace SecureCall.Grains.Verification;

/// <summary>
/// A smile read from the landmark subset in the face's own frame (its axes from the outer eye corners, so a rolled
/// head reads the same, and lengths in eye-corner distances, so distance to the camera does not matter): the mouth's
/// <b>width</b> (corner to corner) and the corners' <b>lift</b> (how far above the upper lip's centre they are).
/// A smile widens the mouth and lifts its corners; an open mouth or a surprise drops the jaw, which lowers the corners.
/// </summary>
public static class SmileGeometry
{
    private static readonly int RightEyeOuter = Array.IndexOf(LandmarkSubset.MeshIndices, 33);
    private static readonly int LeftEyeOuter = Array.IndexOf(LandmarkSubset.MeshIndices, 263);
    private static readonly int UpperLip = Array.IndexOf(LandmarkSubset.MeshIndices, LandmarkIndex.UpperLipInner);
    private static readonly int RightCorner = Array.IndexOf(LandmarkSubset.MeshIndices, LandmarkIndex.MouthRightCorner);
    private static readonly int LeftCorner = Array.IndexOf(LandmarkSubset.MeshIndices, LandmarkIndex.MouthLeftCorner);

    /// <summary>Mouth width and corner lift in eye-corner distances, or null without valid landmarks.</summary>
    public static (float Width, float Lift)? Of(IReadOnlyList<float>? landmarks)
    {
        if (!FaceLandmarks.IsValid(landmarks))
        {
            return null;
        }
        var p = FaceLandmarks.Points(landmarks!);
        var across = p[LeftEyeOuter] - p[RightEyeOuter];
        var eyes = across.Length();
        if (eyes < 1e-4f)
        {
            return null;
        }
        across /= eyes;
        var down = new Vector2(-across.Y, across.X);
        var corners = (p[RightCorner] + p[LeftCorner]) / 2;
        var width = Vector2.Dot(p[LeftCorner] - p[RightCorner], across) / eyes;
        var lift = Vector2.Dot(p[UpperLip] - corners, down) / eyes;
        return (width, lift);
    }
}
