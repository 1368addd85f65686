namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>How many of the submitted frames showed a usable face and went into the enrolled template.</summary>
[GenerateSerializer, Immutable, Alias("securecall.face-enrolment")]
public sealed record FaceEnrolment(
    [property: Id(0)] int FramesUsed,
    [property: Id(1)] int FramesSubmitted);
