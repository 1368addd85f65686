using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.WebFrontend.Realtime;

/// <summary>The challenge to perform now: the first when the stream opens, the next after a challenge result.</summary>
public sealed record ChallengeUpdate(VerificationStatus Status, long? Ts = null) : VerificationUpdate(Ts);
