namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>
/// What the face models measured on one frame. Angles are degrees (yaw positive = the person turns to their left,
/// pitch positive = looks up); ratios are normalised by face size so they do not depend on distance to the camera.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.face-observation")]
public sealed record FaceObservation(
    [property: Id(0)] long TimestampMs,
    [property: Id(1)] bool FaceFound,
    [property: Id(2)] float Yaw,
    [property: Id(3)] float Pitch,
    [property: Id(4)] float Roll,
    [property: Id(5)] float LeftEyeAspect,
    [property: Id(6)] float RightEyeAspect,
    [property: Id(7)] float MouthOpening,
    [property: Id(8)] float SmileWidth,
    [property: Id(9)] float BrowRaise,
    [property: Id(10)] float DepthSpread,
    [property: Id(11)] float Motion,
    [property: Id(12)] IReadOnlyList<float> Emotions,
    [property: Id(13)] float AntiSpoofReal,
    [property: Id(14)] float LivenessLive,
    [property: Id(15)] IReadOnlyList<float>? Embedding,
    [property: Id(16)] float? DeepfakeReal = null)
{
    /// <summary>Order of <see cref="Emotions"/> (the emotion model's softmax classes).</summary>
    public static readonly IReadOnlyList<string> EmotionNames = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"];

    public const int Happy = 3;
    public const int Surprise = 5;

    public float EyeAspect => (LeftEyeAspect + RightEyeAspect) / 2;
}
