namespace SecureCall.FaceAnalysis.Measures;

/// <summary>MediaPipe face-mesh landmark indices used by the measures ("right" = the subject's right).</summary>
public static class LandmarkIndex
{
    public const int ForeheadTop = 10;
    public const int Chin = 152;
    public const int RightCheek = 234;
    public const int LeftCheek = 454;
    public const int NoseTip = 1;

    // Eye contour points for the eye aspect ratio: corners, then two upper/lower pairs.
    public static readonly int[] RightEye = [33, 160, 158, 133, 153, 144];
    public static readonly int[] LeftEye = [362, 385, 387, 263, 373, 380];

    public const int UpperLipInner = 13;
    public const int LowerLipInner = 14;
    public const int MouthRightCorner = 61;
    public const int MouthLeftCorner = 291;

    public const int RightBrowMiddle = 105;
    public const int LeftBrowMiddle = 334;
    public const int RightEyeTop = 159;
    public const int LeftEyeTop = 386;
}
