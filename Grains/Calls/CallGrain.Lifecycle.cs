using Microsoft.Extensions.Logging;
using SecureCall.Grains.Diagnostics;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Security;

namespace SecureCall.Grains.Calls;

/// <summary>Candidates, connection, hang-up and the terminal transition every ending goes through (timeouts included).</summary>
public sealed partial class CallGrain
{
    public async Task AddCandidateAsync(string userId, IceCandidate candidate)
    {
        await EnsureParticipantAsync(userId);
        EnsureState(CallState.Ringing, CallState.Accepted, CallState.Connected);
        CallRules.EnsureCandidate(candidate);
        if (candidate.CallId != CallId)
        {
            throw new SecureCallException(FailureCode.InvalidInput, "The candidate's callId must match the call.");
        }
        if (Call.CandidateCount >= options.Value.MaxCandidatesPerCall)
        {
            throw new SecureCallException(FailureCode.LimitExceeded, $"A call relays at most {options.Value.MaxCandidatesPerCall} candidates.");
        }
        // Counted in memory between persisted transitions: a lost count after a crash only loosens the cap slightly.
        Call.CandidateCount++;
        await Presence(Other(userId)).DeliverAsync(new CandidateSignal(CallId, candidate));
    }

    public async Task RenegotiateAsync(string userId, Renegotiation renegotiation)
    {
        await EnsureParticipantAsync(userId);
        EnsureState(CallState.Connected);
        if (renegotiation.CallId != CallId || renegotiation.Type is not (Renegotiation.Offer or Renegotiation.Answer))
        {
            throw new SecureCallException(FailureCode.InvalidInput, "A renegotiation names this call and is an \"offer\" or an \"answer\".");
        }
        CallRules.EnsureSdpSize(renegotiation.Sdp, options.Value);
        // The certificate cannot change mid-call: the new SDP must use the fingerprint its sender signed at set-up.
        var signed = userId == Call.CallerId ? Call.Offer!.Fingerprint : Call.Answer!.Fingerprint;
        if (!SdpFingerprint.Matches(renegotiation.Sdp, signed))
        {
            throw new SecureCallException(FailureCode.FingerprintMismatch, "A renegotiation must keep the DTLS fingerprint signed when the call was set up.");
        }
        if (Call.RenegotiationCount >= CallRules.MaxRenegotiations)
        {
            throw new SecureCallException(FailureCode.LimitExceeded, $"A call renegotiates at most {CallRules.MaxRenegotiations} times.");
        }
        // Counted in memory like candidates: a restart after a crash only loosens the cap slightly.
        Call.RenegotiationCount++;
        await Presence(Other(userId)).DeliverAsync(new RenegotiateSignal(CallId, renegotiation));
    }

    public async Task<CallSnapshot> MarkConnectedAsync(string userId)
    {
        await EnsureParticipantAsync(userId);
        if (Call.State == CallState.Connected)
        {
            return Snapshot();
        }
        EnsureState(CallState.Accepted);
        StopDeadlineTimer();
        Call.State = CallState.Connected;
        Call.Reason = "connected";
        await Task.WhenAll(state.WriteStateAsync(), ForgetReminderAsync());
        await Presence(Other(userId)).DeliverAsync(new CallStateSignal(CallId, CallState.Connected, "connected"));
        return Snapshot();
    }

    public async Task<CallSnapshot> HangUpAsync(string userId, string reason)
    {
        await EnsureParticipantAsync(userId);
        if (IsTerminal(Call.State))
        {
            return Snapshot();
        }
        // The other participant is shown the reason: the same character rules as display names, and short.
        var shown = ShownText.Sanitize(reason ?? "", 128);
        var why = string.IsNullOrWhiteSpace(shown) ? "hung up" : shown;
        return Call.State == CallState.Ringing && userId == Call.CalleeId
            ? await FinishAsync(CallState.Rejected, $"rejected by callee: {why}", notifyCaller: true, notifyCallee: true)
            : await FinishAsync(CallState.Ended, $"{userId}: {why}", notifyCaller: userId != Call.CallerId, notifyCallee: true);
    }

    /// <summary>Moves to a terminal state, frees both users' call slots, persists, tells whoever should know.</summary>
    private async Task<CallSnapshot> FinishAsync(CallState final, string reason, bool notifyCaller, bool notifyCallee)
    {
        StopDeadlineTimer();
        StopRejoinTimers();
        Call.State = final;
        Call.Reason = reason;
        Call.EndedAt = time.GetUtcNow();
        await Task.WhenAll(state.WriteStateAsync(), ForgetReminderAsync());
        await Limits(Call.CallerId).EndCallAsync(CallId);
        await Limits(Call.CalleeId).EndCallAsync(CallId);
        SecureCallMetrics.CallsEnded.Add(1, new KeyValuePair<string, object?>("state", final.ToString()));
        if (final == CallState.Missed)
        {
            // Kept for the callee: one who was offline learns of the call at the next sign-in.
            await GrainFactory.GetGrain<IMissedCallsGrain>(Call.CalleeId).AddAsync(new MissedCall(CallId, Call.CallerId, Call.CreatedAt));
        }
        var type = final == CallState.Rejected ? AuditEventType.CallRejected : AuditEventType.CallEnded;
        await audit.AppendAsync(new AuditEvent(type, Call.CallerId, AuditSource.Current, $"call {CallId} to {Call.CalleeId}: {final}, {reason}"));

        var signal = new CallStateSignal(CallId, final, reason);
        if (notifyCaller)
        {
            await Presence(Call.CallerId).DeliverAsync(signal);
        }
        if (notifyCallee)
        {
            await Presence(Call.CalleeId).DeliverAsync(signal);
        }
        return Snapshot();
    }

    /// <summary>Refuses, and audits, anyone touching a call that does not exist or is not theirs.</summary>
    private async Task EnsureParticipantAsync(string userId)
    {
        if (!state.RecordExists)
        {
            await audit.AppendAsync(new AuditEvent(AuditEventType.CallRefused, userId, AuditSource.Current, $"unknown call {CallId}"));
            throw new SecureCallException(FailureCode.CallNotFound, "No such call.");
        }
        if (userId != Call.CallerId && userId != Call.CalleeId)
        {
            await audit.AppendAsync(new AuditEvent(AuditEventType.CallRefused, userId, AuditSource.Current, $"not a participant of call {CallId}"));
            throw new SecureCallException(FailureCode.NotACallParticipant, "You are not a participant of this call.");
        }
    }

    private void EnsureState(params ReadOnlySpan<CallState> allowed)
    {
        if (!allowed.Contains(Call.State))
        {
            throw new SecureCallException(FailureCode.InvalidCallState, $"The call is {Call.State}.");
        }
    }

    private string Other(string userId) => userId == Call.CallerId ? Call.CalleeId : Call.CallerId;

    private static bool IsTerminal(CallState callState) => callState >= CallState.Ended;
}
