namespace SecureCall.WebFrontend.Realtime;

/// <summary>A frame or message was refused (<c>Code: message</c>: bad frame, busy, over the rate, wrong nonce); the stream goes on.</summary>
public sealed record ErrorUpdate(string Problem, long? Ts = null) : VerificationUpdate(Ts);
