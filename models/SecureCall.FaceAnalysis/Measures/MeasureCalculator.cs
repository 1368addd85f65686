using System.Numerics;
using static SecureCall.FaceAnalysis.Measures.LandmarkIndex;

namespace SecureCall.FaceAnalysis.Measures;

/// <summary>Derives head pose, blink, mouth, smile, brow, depth and motion measures from a mesh.</summary>
public static class MeasureCalculator
{
    private const float RadiansToDegrees = 180f / MathF.PI;

    public static FaceMeasures Compute(FaceMesh mesh, FaceMesh? previous)
    {
        var faceWidth = Vector3.Distance(mesh[RightCheek], mesh[LeftCheek]);
        var faceHeight = Vector3.Distance(mesh[ForeheadTop], mesh[Chin]);

        // Head axes from the 3-D landmarks: cheek to cheek (x) and forehead to chin (y).
        var xAxis = mesh[LeftCheek] - mesh[RightCheek];
        var yAxis = mesh[Chin] - mesh[ForeheadTop];
        var yaw = MathF.Atan2(xAxis.Z, xAxis.X) * RadiansToDegrees;
        var pitch = MathF.Atan2(yAxis.Z, yAxis.Y) * RadiansToDegrees;
        var roll = MathF.Atan2(xAxis.Y, xAxis.X) * RadiansToDegrees;

        var mouthWidth = Distance2D(mesh[MouthRightCorner], mesh[MouthLeftCorner]);
        var mouthOpening = Distance2D(mesh[UpperLipInner], mesh[LowerLipInner]) / Math.Max(mouthWidth, 1e-3f);
        var brow = (Distance2D(mesh[RightBrowMiddle], mesh[RightEyeTop]) + Distance2D(mesh[LeftBrowMiddle], mesh[LeftEyeTop])) / 2;

        return new FaceMeasures(
            yaw,
            pitch,
            roll,
            EyeAspectRatio(mesh, RightEye),
            EyeAspectRatio(mesh, LeftEye),
            mouthOpening,
            mouthWidth / Math.Max(faceWidth, 1e-3f),
            brow / Math.Max(faceHeight, 1e-3f),
            DepthSpread(mesh) / Math.Max(faceWidth, 1e-3f),
            previous is null ? null : Motion(mesh, previous) / Math.Max(faceWidth, 1e-3f));
    }

    /// <summary>(|p1−p5| + |p2−p4|) / (2·|p0−p3|) over corner, upper, upper, corner, lower, lower.</summary>
    private static float EyeAspectRatio(FaceMesh mesh, int[] eye)
    {
        var width = Distance2D(mesh[eye[0]], mesh[eye[3]]);
        var opening = Distance2D(mesh[eye[1]], mesh[eye[5]]) + Distance2D(mesh[eye[2]], mesh[eye[4]]);
        return opening / Math.Max(2 * width, 1e-3f);
    }

    private static float DepthSpread(FaceMesh mesh)
    {
        double sum = 0;
        double squares = 0;
        for (var i = 0; i < FaceMesh.LandmarkCount; i++)
        {
            double z = mesh.Values[(3 * i) + 2];
            sum += z;
            squares += z * z;
        }

        var mean = sum / FaceMesh.LandmarkCount;
        return (float)Math.Sqrt(Math.Max(0, (squares / FaceMesh.LandmarkCount) - (mean * mean)));
    }

    private static float Motion(FaceMesh mesh, FaceMesh previous)
    {
        double total = 0;
        for (var i = 0; i < FaceMesh.LandmarkCount; i++)
        {
            total += Distance2D(mesh[i], previous[i]);
        }

        return (float)(total / FaceMesh.LandmarkCount);
    }

    private static float Distance2D(Vector3 a, Vector3 b) => MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
