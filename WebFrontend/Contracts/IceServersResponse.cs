namespace SecureCall.WebFrontend.Contracts;

/// <summary>An <c>RTCIceServer</c> entry as browsers take it.</summary>
public sealed record IceServerView(IReadOnlyList<string> Urls, string? Username, string? Credential);

/// <summary>ICE servers for <c>RTCPeerConnection</c> and how long the TURN credentials last, in seconds.</summary>
public sealed record IceServersResponse(IReadOnlyList<IceServerView> IceServers, int Ttl);
