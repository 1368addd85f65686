using SecureCall.Grains.Interfaces.Calls;

namespace SecureCall.WebFrontend.Hubs;

/// <summary>What the server pushes to a browser on the call hub: one method per signal kind.</summary>
public interface ICallClient
{
    /// <summary>An incoming call; the browser checks <c>offer.signature</c> with the caller's registered key.</summary>
    Task Ringing(RingingSignal signal);

    /// <summary>The callee's signed answer.</summary>
    Task Answered(AnsweredSignal signal);

    /// <summary>A trickled ICE candidate from the other participant.</summary>
    Task Candidate(CandidateSignal signal);

    /// <summary>An ICE-restart offer or answer from the other participant (same DTLS fingerprint as signed at set-up).</summary>
    Task Renegotiate(RenegotiateSignal signal);

    /// <summary>The call changed state (accepted elsewhere, connected, ended, rejected, missed, busy, failed).</summary>
    Task CallState(CallStateSignal signal);
}
