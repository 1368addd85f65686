namespace SecureCall.WebFrontend.Contracts;

/// <summary>An <c>RTCIceServer</c> entry as browsers take it.</summary>
public sealed record IceServerView(IReadOnlyList<string> Urls, string? Username, string? Credential);

/// <summary>
/// ICE servers for <c>RTCPeerConnection</c>, how long the TURN credentials last (seconds), and the
/// <c>iceTransportPolicy</c> the browser must use: <c>all</c>, or <c>relay</c> (media only through TURN).
/// </summary>
public sealed record IceServersResponse(IReadOnlyList<IceServerView> IceServers, int Ttl, string IceTransportPolicy);
