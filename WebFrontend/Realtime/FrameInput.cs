namespace SecureCall.WebFrontend.Realtime;

/// <summary>One camera frame for the current challenge: encoded image bytes plus the challenge's id and nonce.</summary>
public sealed record FrameInput(string ChallengeId, string Nonce, byte[] Data, long Timestamp);
