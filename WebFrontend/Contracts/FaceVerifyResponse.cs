namespace SecureCall.WebFrontend.Contracts;

/// <summary>
/// Whether the live frames show the enrolled face: match or no match, nothing more. The similarity stays in the
/// audit log; answering it would let a caller tune a forged face step by step.
/// </summary>
public sealed record FaceVerifyResponse(bool Match);
