using System.Buffers.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using SecureCall.Grains.Diagnostics;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Interfaces.Errors;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Storage;
using SecureCall.Options;
using SecureCall.Security.Audit;
using SecureCall.Security.Crypto;
using SecureCall.Security;

namespace SecureCall.Grains.Calls;

/// <summary>
/// Owns one call and its state machine: Ringing → Accepted → Connected → Ended, or Rejected / Missed / Busy /
/// Failed (accepted, but the media never connected). It checks both signatures and the SDP fingerprints, relays offer and answer unchanged, and persists every
/// transition so a call survives the loss of the silo it lives on.
/// </summary>
// Activated on the silo whose gateway took the offer, not on a random one: the offer and the calls it makes start
// there, which saves a silo-to-silo hop on the way to the callee in a cluster of several silos.
[PreferLocalPlacement]
public sealed partial class CallGrain(
    [PersistentState("call", StorageNames.Calls)] IPersistentState<CallRecord> state,
    IAuditLog audit,
    IOptions<SignalingOptions> options,
    SecurityClock time,
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    private string CallId => this.GetPrimaryKeyString();
    private CallRecord Call => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && Call.State is CallState.Ringing or CallState.Accepted)
        {
            // Re-activated (another silo, or woken by the deadline reminder): the deadline still stands.
            _reminded = true;
            StartDeadlineTimer(Deadline());
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        StopDeadlineTimer();
        StopRejoinTimers();
        return Task.CompletedTask;
    }

    public async Task<CallSnapshot> PlaceAsync(CallerAssurance caller, CallOffer offer, string? connectionId = null)
    {
        var o = options.Value;
        CallRules.EnsureCallId(CallId);
        if (state.RecordExists)
        {
            throw new SecureCallException(FailureCode.InvalidCallState, "This call id was already used.");
        }
        if (offer.CallId != CallId || offer.CallerId != caller.UserId)
        {
            throw new SecureCallException(FailureCode.InvalidInput, "The offer's callId and callerId must match the call and the token.");
        }
        UserIds.EnsureValid(offer.CalleeId);
        if (offer.CalleeId == offer.CallerId)
        {
            throw new SecureCallException(FailureCode.InvalidInput, "A user cannot call themselves.");
        }
        CallRules.EnsureAssurance(caller, o);
        if (o.MinimumCallerScore is { } minimum && (caller.Score ?? 0) < minimum)
        {
            throw new SecureCallException(FailureCode.InsufficientAssurance, $"Calls need a verification score of at least {minimum:0.00}.");
        }
        CallRules.EnsureDescription(offer.Sdp, offer.Fingerprint, offer.Nonce, offer.Signature, o);

        var callerLimits = Limits(caller.UserId);
        if (!await callerLimits.TryPlaceCallAsync())
        {
            throw new SecureCallException(FailureCode.RateLimited, $"At most {o.CallsPerMinutePerUser} calls per minute.");
        }
        await VerifyAsync(caller.UserId, offer.Nonce, offer.Signature,
            CanonicalMessage.CallOffer(CallId, offer.CallerId, offer.CalleeId, offer.Nonce, SdpFingerprint.Normalize(offer.Fingerprint)), "offer");
        var callee = GrainFactory.GetGrain<IUserGrain>(offer.CalleeId);
        if (await callee.GetKeysAsync() is null)
        {
            throw new SecureCallException(FailureCode.UserNotFound, "The callee has no registered keys.");
        }
        if (await callee.GetMinimumCallerScoreAsync() is { } calleeMinimum && (caller.Score ?? 0) < calleeMinimum)
        {
            throw new SecureCallException(FailureCode.InsufficientAssurance, $"The callee accepts calls only from callers verified with a score of at least {calleeMinimum:0.00}.");
        }
        var now = time.GetUtcNow();
        var record = new CallRecord
        {
            CallerId = offer.CallerId,
            CalleeId = offer.CalleeId,
            Offer = offer,
            CreatedAt = now,
            RingDeadline = now + o.RingTimeout,
            State = CallState.Ringing,
            Reason = "ringing",
            CallerConnectionId = connectionId is { Length: > 0 and <= 128 } ? connectionId : null,
        };
        if (!await callerLimits.TryBeginCallAsync(CallId, offer.CallerId, offer.CalleeId))
        {
            var glare = await ResolveGlareAsync(offer.CallerId, offer.CalleeId, offer.CallerId);
            if (glare == Glare.Lost)
            {
                state.State = record;
                return await FinishAsync(CallState.Ended, CallRules.CrossedReason, notifyCaller: false, notifyCallee: false);
            }
            if (glare != Glare.Won || !await callerLimits.TryBeginCallAsync(CallId, offer.CallerId, offer.CalleeId))
            {
                throw new SecureCallException(FailureCode.CallerBusy, "You are already in a call.");
            }
        }

        state.State = record;
        if (!await Limits(offer.CalleeId).TryBeginCallAsync(CallId, offer.CallerId, offer.CalleeId))
        {
            var glare = await ResolveGlareAsync(offer.CallerId, offer.CalleeId, offer.CalleeId);
            if (glare == Glare.Lost)
            {
                return await FinishAsync(CallState.Ended, CallRules.CrossedReason, notifyCaller: false, notifyCallee: false);
            }
            if (glare != Glare.Won || !await Limits(offer.CalleeId).TryBeginCallAsync(CallId, offer.CallerId, offer.CalleeId))
            {
                return await FinishAsync(CallState.Busy, "callee is in another call", notifyCaller: false, notifyCallee: false);
            }
        }
        // The callee's devices ring while the call record and its audit record commit, so the offer reaches them one
        // storage commit sooner (the tail of offer→callee latency). Nobody can act on the call before it is durable: an
        // answer is a call to this grain, which waits for this turn to end. If the commit fails, the callee is told.
        var written = state.WriteStateAsync();
        var audited = audit.AppendAsync(new AuditEvent(AuditEventType.CallPlaced, offer.CallerId, AuditSource.Current, $"call {CallId} to {offer.CalleeId}"));
        var ringing = await Presence(offer.CalleeId).DeliverAsync(new RingingSignal(CallId, offer, caller.Score));
        try
        {
            await written;
        }
        catch (Exception)
        {
            await Presence(offer.CalleeId).DeliverAsync(new CallStateSignal(CallId, CallState.Failed, "the call could not be stored"));
            throw;
        }
        SecureCallMetrics.CallsPlaced.Add(1);
        await audited;
        if (ringing == 0)
        {
            return await FinishAsync(CallState.Missed, "callee is not connected", notifyCaller: false, notifyCallee: false);
        }
        await ArmDeadlineAsync();
        return Snapshot();
    }

    public async Task<CallSnapshot> AcceptAsync(CallerAssurance callee, string connectionId, CallAnswer answer)
    {
        await EnsureParticipantAsync(callee.UserId);
        if (callee.UserId != Call.CalleeId)
        {
            throw new SecureCallException(FailureCode.NotACallParticipant, "Only the callee can accept.");
        }
        if (Call.State is CallState.Accepted or CallState.Connected)
        {
            throw new SecureCallException(FailureCode.CallAnsweredElsewhere, "The call was already answered on another device.");
        }
        EnsureState(CallState.Ringing);
        if (answer.CallId != CallId || string.IsNullOrEmpty(connectionId) || connectionId.Length > 128)
        {
            throw new SecureCallException(FailureCode.InvalidInput, "The answer's callId must match the call.");
        }
        CallRules.EnsureAssurance(callee, options.Value);
        CallRules.EnsureDescription(answer.Sdp, answer.Fingerprint, answer.Nonce, answer.Signature, options.Value);
        await VerifyAsync(callee.UserId, answer.Nonce, answer.Signature,
            CanonicalMessage.CallAnswer(CallId, Call.CallerId, Call.CalleeId, answer.Nonce, SdpFingerprint.Normalize(answer.Fingerprint)), "answer");

        StopDeadlineTimer();
        Call.State = CallState.Accepted;
        Call.Reason = "accepted";
        Call.Answer = answer;
        Call.AcceptedConnectionId = connectionId;
        Call.AnsweredAt = time.GetUtcNow();
        // The reminder moves to the connect deadline in the same commit as the state.
        await Task.WhenAll(state.WriteStateAsync(), ArmDeadlineAsync());
        var audited = audit.AppendAsync(new AuditEvent(AuditEventType.CallAccepted, Call.CalleeId, AuditSource.Current, $"call {CallId} from {Call.CallerId}"));
        await Presence(Call.CallerId).DeliverAsync(new AnsweredSignal(CallId, answer));
        await Presence(Call.CalleeId).DeliverAsync(new CallStateSignal(CallId, CallState.Accepted, "answered on another device"), connectionId);
        await audited;
        return Snapshot();
    }

    public async Task<CallSnapshot> RejectAsync(string userId)
    {
        await EnsureParticipantAsync(userId);
        if (userId != Call.CalleeId)
        {
            throw new SecureCallException(FailureCode.NotACallParticipant, "Only the callee can reject.");
        }
        EnsureState(CallState.Ringing);
        return await FinishAsync(CallState.Rejected, "rejected by callee", notifyCaller: true, notifyCallee: true);
    }

    public async Task<CallSnapshot> GetAsync(string userId)
    {
        await EnsureParticipantAsync(userId);
        return Snapshot();
    }

    private async Task VerifyAsync(string signerId, string nonce, string signature, byte[] signed, string what)
    {
        if (!await Limits(signerId).TryUseOfferNonceAsync(nonce))
        {
            await audit.AppendAsync(new AuditEvent(AuditEventType.NonceMisuse, signerId, AuditSource.Current, $"replayed {what} nonce, call {CallId}"));
            throw new SecureCallException(FailureCode.NonceReplayed, $"This {what} nonce was already used.");
        }
        if (!await GrainFactory.GetGrain<IUserGrain>(signerId).VerifySignatureAsync(signed, Base64Url.DecodeFromChars(signature)))
        {
            await audit.AppendAsync(new AuditEvent(AuditEventType.SignatureFailed, signerId, AuditSource.Current, $"call {what}, call {CallId}"));
            throw new SecureCallException(FailureCode.BadSignature, $"The {what} signature does not verify with {signerId}'s registered key.");
        }
    }

    private IPresenceGrain Presence(string userId) => GrainFactory.GetGrain<IPresenceGrain>(userId);

    private IUserLimitsGrain Limits(string userId) => GrainFactory.GetGrain<IUserLimitsGrain>(userId);

    private CallSnapshot Snapshot() =>
        new(CallId, Call.CallerId, Call.CalleeId, Call.State, Call.Reason, Call.CreatedAt, Call.AnsweredAt, Call.EndedAt);
}
