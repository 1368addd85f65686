namespace SecureCall.WebFrontend.Hosting;

/// <summary>Which ICE candidates browsers may use for a call (W3C <c>RTCIceTransportPolicy</c>).</summary>
public enum IceTransportPolicy
{
    /// <summary>Direct, server-reflexive and relayed candidates: the best path wins (the browser default).</summary>
    All,

    /// <summary>
    /// Relayed candidates only: media always goes through the TURN server, so neither person learns the other's IP
    /// addresses (nor does the signalling server, which relays the candidates). Costs relay bandwidth and some latency.
    /// </summary>
    Relay,
}
