namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>The closed set of messages a call delivers to a participant's browsers.</summary>
[GenerateSerializer, Alias("securecall.call-signal")]
public abstract record CallSignal([property: Id(0)] string CallId);

/// <summary>An incoming call: the caller's offer, with the caller's verification score.</summary>
[GenerateSerializer, Immutable, Alias("securecall.signal.ringing")]
public sealed record RingingSignal(string CallId, [property: Id(0)] CallOffer Offer, [property: Id(1)] double? CallerScore) : CallSignal(CallId);

/// <summary>The callee's answer, for the caller.</summary>
[GenerateSerializer, Immutable, Alias("securecall.signal.answered")]
public sealed record AnsweredSignal(string CallId, [property: Id(0)] CallAnswer Answer) : CallSignal(CallId);

/// <summary>A candidate from the other participant.</summary>
[GenerateSerializer, Immutable, Alias("securecall.signal.candidate")]
public sealed record CandidateSignal(string CallId, [property: Id(0)] IceCandidate Candidate) : CallSignal(CallId);

/// <summary>An ICE-restart offer or answer from the other participant, carrying the fingerprint they signed.</summary>
[GenerateSerializer, Immutable, Alias("securecall.signal.renegotiate")]
public sealed record RenegotiateSignal(string CallId, [property: Id(0)] Renegotiation Renegotiation) : CallSignal(CallId);

/// <summary>The call changed state (accepted elsewhere, connected, ended, rejected, missed, busy, failed).</summary>
[GenerateSerializer, Immutable, Alias("securecall.signal.state")]
public sealed record CallStateSignal(string CallId, [property: Id(0)] CallState State, [property: Id(1)] string Reason) : CallSignal(CallId);
