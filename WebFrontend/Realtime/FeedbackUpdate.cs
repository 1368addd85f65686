using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.WebFrontend.Realtime;

/// <summary>A hint for one analysed frame while the current challenge is undecided.</summary>
public sealed record FeedbackUpdate(string Hint, VerificationStatus Status, long? Ts) : VerificationUpdate(Ts);
