using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.WebFrontend.Realtime;

/// <summary>The current challenge was decided (<paramref name="Result"/>: passed or failed) and the session goes on.</summary>
public sealed record ChallengeResultUpdate(string Result, VerificationStatus Status, long? Ts) : VerificationUpdate(Ts);
