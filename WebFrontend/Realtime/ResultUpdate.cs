using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.WebFrontend.Realtime;

/// <summary>The session is decided (passed, failed, expired or terminated); its status carries the token when it passed.</summary>
public sealed record ResultUpdate(VerificationStatus Status, long? Ts) : VerificationUpdate(Ts);
