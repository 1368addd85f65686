using SecureCall.Grains.Interfaces.Calls;

namespace SecureCall.WebFrontend.Hubs;

/// <summary>Places a call: the caller's signed offer (see <see cref="CallOffer"/>).</summary>
public sealed record PlaceCallRequest(string CallId, string CalleeId, string Sdp, string Fingerprint, string Nonce, string Signature);

/// <summary>Accepts a ringing call with the callee's signed answer.</summary>
public sealed record AcceptCallRequest(string CallId, string Sdp, string Fingerprint, string Nonce, string Signature);

/// <summary>Relays one ICE candidate.</summary>
public sealed record CandidateRequest(string CallId, string Candidate, string? SdpMid, int? SdpMLineIndex);

/// <summary>Ends or refuses a call.</summary>
public sealed record HangUpRequest(string CallId, string? Reason);

/// <summary>Names a call.</summary>
public sealed record CallIdRequest(string CallId);

/// <summary>An ICE-restart offer or answer during a connected call.</summary>
public sealed record RenegotiateRequest(string CallId, string Type, string Sdp);
