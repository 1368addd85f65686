namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>
/// The callee's signed answer; <see cref="Signature"/> covers
/// <c>securecall/call-answer/v1\n{callId}\n{callerId}\n{calleeId}\n{nonce}\n{fingerprint}</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.call-answer")]
public sealed record CallAnswer(
    [property: Id(0)] string CallId,
    [property: Id(1)] string Sdp,
    [property: Id(2)] string Fingerprint,
    [property: Id(3)] string Nonce,
    [property: Id(4)] string Signature);
