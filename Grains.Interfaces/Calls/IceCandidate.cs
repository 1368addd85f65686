namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>A trickled ICE candidate, relayed in the order the sender produced it.</summary>
[GenerateSerializer, Immutable, Alias("securecall.ice-candidate")]
public sealed record IceCandidate(
    [property: Id(0)] string CallId,
    [property: Id(1)] string Candidate,
    [property: Id(2)] string? SdpMid,
    [property: Id(3)] int? SdpMLineIndex);
