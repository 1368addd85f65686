namespace SecureCall.WebFrontend.Contracts;

/// <summary>How many of the submitted frames showed a usable face and went into the template.</summary>
public sealed record FaceEnrolmentResponse(int FramesUsed, int FramesSubmitted);
