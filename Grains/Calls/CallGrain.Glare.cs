using Microsoft.Extensions.Logging;
using SecureCall.Grains.Interfaces.Calls;

namespace SecureCall.Grains.Calls;

/// <summary>
/// Glare: two people call each other at the same moment, so each call finds the other person's slot taken by the
/// other call. The rule, the same wherever it is applied: the call placed by the ordinally smaller user id goes on;
/// the other ends as <see cref="CallRules.CrossedReason"/>, and its caller's browser answers the surviving call.
/// Only the winner calls the loser (to end it), never the reverse, so two placements can never wait on each other.
/// </summary>
public sealed partial class CallGrain
{
    private enum Glare
    {
        /// <summary>The slot is taken by something else: a real busy.</summary>
        None,
        /// <summary>The crossing call was ended; the slot may be claimed again.</summary>
        Won,
        /// <summary>This call gives way.</summary>
        Lost,
    }

    public async Task YieldToAsync(string winnerCallId)
    {
        if (!state.RecordExists || Call.State != CallState.Ringing)
        {
            return;
        }
        logger.LogInformation("Call {Call} gives way to the crossing call {Winner}", CallId, winnerCallId);
        await FinishAsync(CallState.Ended, CallRules.CrossedReason, notifyCaller: true, notifyCallee: true);
    }

    /// <summary>Whether <paramref name="slotOwner"/>'s slot is held by the callee's call to this caller, and who wins.</summary>
    private async Task<Glare> ResolveGlareAsync(string callerId, string calleeId, string slotOwner)
    {
        var crossing = await Limits(slotOwner).GetCallAsync(callerId: calleeId, calleeId: callerId);
        if (crossing is null)
        {
            return Glare.None;
        }
        if (string.CompareOrdinal(callerId, calleeId) > 0)
        {
            return Glare.Lost;
        }
        await GrainFactory.GetGrain<ICallGrain>(crossing).YieldToAsync(CallId);
        return Glare.Won;
    }
}
