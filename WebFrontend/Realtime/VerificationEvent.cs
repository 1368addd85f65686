using SecureCall.Grains.Interfaces.Verification;

namespace SecureCall.WebFrontend.Realtime;

/// <summary>
/// What the server tells the browser while it streams: <c>feedback</c> (a hint per analysed frame),
/// <c>challenge_result</c>, <c>challenge</c> (the next one), <c>result</c> (final), or <c>error</c>.
/// <paramref name="Ts"/> echoes the timestamp of the frame the event answers, so a client can match answers to frames.
/// </summary>
public sealed record VerificationEvent(string Type, string Message, VerificationStatus? Status, long? Ts = null);
