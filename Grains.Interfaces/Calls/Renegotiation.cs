namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>
/// A new offer or answer during a call (an ICE restart after the media path dropped). It needs no new signature: its
/// SDP must carry the same DTLS fingerprint the sender signed when the call was set up, so it cannot swap the
/// certificate that both browsers already checked.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.renegotiation")]
public sealed record Renegotiation(
    [property: Id(0)] string CallId,
    [property: Id(1)] string Type,
    [property: Id(2)] string Sdp)
{
    public const string Offer = "offer";
    public const string Answer = "answer";
}
