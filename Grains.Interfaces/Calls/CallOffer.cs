namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>
/// The caller's signed offer. <see cref="Signature"/> (caller's registered key) covers
/// <c>securecall/call-offer/v1\n{callId}\n{callerId}\n{calleeId}\n{nonce}\n{fingerprint}</c>; the fingerprint must be
/// the DTLS fingerprint in <see cref="Sdp"/>. The server relays it unchanged so the callee can check it too.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.call-offer")]
public sealed record CallOffer(
    [property: Id(0)] string CallId,
    [property: Id(1)] string CallerId,
    [property: Id(2)] string CalleeId,
    [property: Id(3)] string Sdp,
    [property: Id(4)] string Fingerprint,
    [property: Id(5)] string Nonce,
    [property: Id(6)] string Signature);
