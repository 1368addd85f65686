using Microsoft.Extensions.Logging;
using SecureCall.Grains.Interfaces.Calls;

namespace SecureCall.Grains.Calls;

/// <summary>
/// A participant's side of a call lives on one hub connection. When that connection closes, the call waits
/// <c>RejoinGrace</c> for the side to come back on a new one (SignalR reconnects by itself); a page that was reloaded
/// or closed never does, and the other side learns it promptly instead of waiting for its media timeout.
/// </summary>
public sealed partial class CallGrain
{
    // Participant → the timer that fails the call if they do not rejoin. Memory only: a call re-activated elsewhere
    // has lost its timers, and then the browsers' own media timeout still ends it.
    private readonly Dictionary<string, (IGrainTimer Timer, CancellationTokenSource Clock)> _rejoinTimers = new(StringComparer.Ordinal);

    public Task ConnectionLostAsync(string userId, string connectionId)
    {
        if (!state.RecordExists || !CarriesCall(userId) || !IsCarriedBy(userId, connectionId) || _rejoinTimers.ContainsKey(userId))
        {
            return Task.CompletedTask;
        }
        var timer = this.RegisterGrainTimer(_ => FailUnlessRejoinedAsync(userId, connectionId),
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        var clock = new CancellationTokenSource();
        _rejoinTimers[userId] = (timer, clock);
        _ = FireAtAsync(timer, time.GetUtcNow() + options.Value.RejoinGrace, clock.Token);
        logger.LogInformation("Call {Call}: {User}'s connection closed; waiting {Grace} for a rejoin", CallId, userId, options.Value.RejoinGrace);
        return Task.CompletedTask;
    }

    public async Task<CallSnapshot> RejoinAsync(string userId, string connectionId)
    {
        await EnsureParticipantAsync(userId);
        if (CarriesCall(userId) && connectionId is { Length: > 0 and <= 128 })
        {
            if (userId == Call.CallerId)
            {
                Call.CallerConnectionId = connectionId;
            }
            else
            {
                Call.AcceptedConnectionId = connectionId;
            }
            StopRejoinTimer(userId);
        }
        return Snapshot();
    }

    public async Task<CallSnapshot> AbandonAsync(string userId)
    {
        await EnsureParticipantAsync(userId);
        return IsTerminal(Call.State) ? Snapshot() : await FinishAsync(CallState.Failed, LostReason(userId), notifyCaller: true, notifyCallee: true);
    }

    private async Task FailUnlessRejoinedAsync(string userId, string connectionId)
    {
        StopRejoinTimer(userId);
        if (!CarriesCall(userId) || !IsCarriedBy(userId, connectionId))
        {
            return;
        }
        try
        {
            await FinishAsync(CallState.Failed, LostReason(userId), notifyCaller: true, notifyCallee: true);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Ending call {Call} after {User}'s connection was lost failed", CallId, userId);
        }
    }

    /// <summary>Whether this user's side of the call is live on some connection: both sides once answered, the caller's while ringing.</summary>
    private bool CarriesCall(string userId) => Call.State switch
    {
        CallState.Accepted or CallState.Connected => userId == Call.CallerId || userId == Call.CalleeId,
        CallState.Ringing => userId == Call.CallerId,
        _ => false,
    };

    /// <summary>Whether the connection is the one carrying the user's side; an unknown one (older records) counts as it.</summary>
    private bool IsCarriedBy(string userId, string connectionId)
    {
        var carrier = userId == Call.CallerId ? Call.CallerConnectionId : Call.AcceptedConnectionId;
        return carrier is null || string.Equals(carrier, connectionId, StringComparison.Ordinal);
    }

    private static string LostReason(string userId) => $"{userId}'s connection was lost";

    private void StopRejoinTimer(string userId)
    {
        if (_rejoinTimers.Remove(userId, out var entry))
        {
            entry.Clock.Cancel();
            entry.Clock.Dispose();
            entry.Timer.Dispose();
        }
    }

    private void StopRejoinTimers()
    {
        foreach (var userId in _rejoinTimers.Keys.ToList())
        {
            StopRejoinTimer(userId);
        }
    }
}
