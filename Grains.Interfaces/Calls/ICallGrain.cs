namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>One call (key: call id): participants, state machine, signed offer/answer, ring timeout.</summary>
public interface ICallGrain : IGrainWithStringKey
{
    /// <summary>
    /// Places the call; the offer must be signed by the caller and bound to its SDP's fingerprint.
    /// <paramref name="connectionId"/> is the caller's hub connection, whose loss <see cref="ConnectionLostAsync"/> reports.
    /// </summary>
    Task<CallSnapshot> PlaceAsync(CallerAssurance caller, CallOffer offer, string? connectionId = null);

    /// <summary>Accepts from one of the callee's connections; the first accept wins.</summary>
    Task<CallSnapshot> AcceptAsync(CallerAssurance callee, string connectionId, CallAnswer answer);

    Task<CallSnapshot> RejectAsync(string userId);

    Task AddCandidateAsync(string userId, IceCandidate candidate);

    /// <summary>A participant reports that media is flowing.</summary>
    Task<CallSnapshot> MarkConnectedAsync(string userId);

    /// <summary>
    /// Relays an ICE-restart offer or answer of a connected call to the other participant; its SDP must use the DTLS
    /// fingerprint the sender signed at set-up.
    /// </summary>
    Task RenegotiateAsync(string userId, Renegotiation renegotiation);

    Task<CallSnapshot> HangUpAsync(string userId, string reason);

    /// <summary>
    /// The hub connection <paramref name="connectionId"/> of <paramref name="userId"/> closed. If it carried the user's
    /// side of this live call, the call fails after <c>RejoinGrace</c> unless that side rejoins first
    /// (<see cref="RejoinAsync"/>), and both sides are told. Anything else (another tab's connection, an ended call,
    /// a stranger) is ignored.
    /// </summary>
    Task ConnectionLostAsync(string userId, string connectionId);

    /// <summary>A participant's call goes on over a new hub connection (after SignalR reconnected); returns the call's state.</summary>
    Task<CallSnapshot> RejoinAsync(string userId, string connectionId);

    /// <summary>
    /// A participant's page lost its side of the call (a reload): the call fails at once, as when the connection is
    /// lost, so the person can call back without waiting for the grace.
    /// </summary>
    Task<CallSnapshot> AbandonAsync(string userId);

    /// <summary>
    /// Glare: the other person's call to this caller won (see the rule in CallGrain), so this call, if still ringing,
    /// ends as crossed and both are told; a call already answered is left alone.
    /// </summary>
    Task YieldToAsync(string winnerCallId);

    Task<CallSnapshot> GetAsync(string userId);
}
