namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>The outcome of comparing a live face with the enrolled template.</summary>
[GenerateSerializer, Immutable, Alias("securecall.face-match")]
public sealed record FaceMatch(
    [property: Id(0)] bool Match,
    [property: Id(1)] double Similarity,
    [property: Id(2)] double Threshold);
