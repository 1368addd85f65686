namespace SecureCall.Grains.Interfaces.Verification;

/// <summary>
/// What the face models measured on one frame. Angles are degrees (yaw positive = the person turns to their left,
/// pitch positive = looks up); ratios are normalised by face size so they do not depend on distance to the camera.
/// <see cref="Landmarks"/> holds the compact landmark subset of the face library (<c>LandmarkSubset</c>: 58 points,
/// midline then right/left pairs, x, y, z divided by the frame's longer side) for the session's continuity and
/// parallax checks. <see cref="Tracked"/> holds, when the session sent reference patches, where the texture around each
/// of the reference frame's subset points is in this frame (x, y in the same units; NaN where it was not found).
/// <see cref="ScreenGrid"/> and <see cref="GamutClipped"/> are the face library's screen-replay cues (moiré peak of the
/// face's spectrum, log10; share of clipped face pixels). These spoof cues (<see cref="AntiSpoofReal"/>,
/// <see cref="LivenessLive"/>, <see cref="DeepfakeReal"/>, <see cref="ScreenGrid"/>, <see cref="GamutClipped"/>) are null
/// on frames the session did not ask for them (it asks on every <c>AntiSpoofEveryFrames</c>-th). <see cref="TimestampMs"/> is the session's own clock when it received the frame, never the client's.
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
    [property: Id(13)] float? AntiSpoofReal,
    [property: Id(14)] float? LivenessLive,
    [property: Id(15)] IReadOnlyList<float>? Embedding,
    [property: Id(16)] float? DeepfakeReal = null,
    [property: Id(17)] IReadOnlyList<float>? Landmarks = null,
    [property: Id(18)] IReadOnlyList<float>? Tracked = null,
    [property: Id(19)] float? ScreenGrid = null,
    [property: Id(20)] float? GamutClipped = null)
{
    /// <summary>Order of <see cref="Emotions"/> (the emotion model's softmax classes).</summary>
    public static readonly IReadOnlyList<string> EmotionNames = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"];

    public const int Happy = 3;
    public const int Surprise = 5;

    public float EyeAspect => (LeftEyeAspect + RightEyeAspect) / 2;

    /// <summary>
    /// The emotion model's probability of <paramref name="emotion"/> (<see cref="Happy"/>, <see cref="Surprise"/>), or 0
    /// when the model was not run on this frame (<see cref="Emotions"/> empty: a session runs it only while it judges
    /// an expression challenge).
    /// </summary>
    public float Expression(int emotion) => emotion < Emotions.Count ? Emotions[emotion] : 0;
}
