namespace SecureCall.WebFrontend.Contracts;

/// <summary>A short burst of camera frames (base64 JPEG/PNG/WebP); they are analysed and never stored.</summary>
public sealed record FaceFramesRequest(IReadOnlyList<string>? Frames);
