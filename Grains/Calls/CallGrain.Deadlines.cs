using Microsoft.Extensions.Logging;
using SecureCall.Grains.Interfaces.Calls;

namespace SecureCall.Grains.Calls;

/// <summary>
/// Ring and connect timeouts. A grain timer runs the expiry as a turn of this activation (never interleaved with a
/// request); the security clock, which tests move, says when it is due; a reminder with the same due time re-activates
/// the call on a surviving silo, and so still ends it, should the silo holding the call die first.
/// </summary>
public sealed partial class CallGrain : IRemindable
{
    private const string DeadlineReminder = "deadline";

    // Reminders tick at most once a minute; the first tick is the one that matters, later ones only retry.
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? _deadlineTimer;
    private CancellationTokenSource? _deadlineClock;
    private IGrainReminder? _reminder;

    // Whether a deadline reminder may be registered: set when one is, or when the state says one was.
    private bool _reminded;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeadlineReminder)
        {
            return;
        }
        _reminded = true;
        if (!state.RecordExists || Call.State is not (CallState.Ringing or CallState.Accepted))
        {
            await ForgetReminderAsync();
            return;
        }
        // Activation armed the timer already; a deadline that has passed is handled now, in this turn.
        if (time.GetUtcNow() >= Deadline())
        {
            await ExpireAsync(Call.State);
        }
    }

    /// <summary>
    /// Arms the deadline of the state the call waits in: ringing → Missed after the ring timeout, accepted → Failed
    /// when the media has not connected within the connect timeout. Completes once the reminder is durable.
    /// </summary>
    private Task ArmDeadlineAsync()
    {
        var deadline = Deadline();
        StartDeadlineTimer(deadline);
        var dueIn = deadline - time.GetUtcNow();
        return RememberAsync(dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero);
    }

    private async Task RememberAsync(TimeSpan dueIn)
    {
        _reminded = true;
        _reminder = await this.RegisterOrUpdateReminder(DeadlineReminder, dueIn, ReminderPeriod);
    }

    private async Task ForgetReminderAsync()
    {
        if (!_reminded)
        {
            return;
        }
        var reminder = _reminder ?? await this.GetReminder(DeadlineReminder);
        _reminder = null;
        _reminded = false;
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private DateTimeOffset Deadline() => Call.State == CallState.Ringing
        ? Call.RingDeadline
        : (Call.AnsweredAt ?? time.GetUtcNow()) + options.Value.ConnectTimeout;

    private void StartDeadlineTimer(DateTimeOffset deadline)
    {
        StopDeadlineTimer();
        var waitingIn = Call.State;
        var timer = this.RegisterGrainTimer(_ => ExpireAsync(waitingIn),
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        _deadlineTimer = timer;
        _deadlineClock = new CancellationTokenSource();
        _ = FireAtAsync(timer, deadline, _deadlineClock.Token);
    }

    // Started from a grain turn, so it resumes on this activation's scheduler, where the timer may be changed.
    private async Task FireAtAsync(IGrainTimer timer, DateTimeOffset deadline, CancellationToken cancellation)
    {
        try
        {
            var remaining = deadline - time.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, time.Provider, cancellation);
            }
            timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
            // The timer was stopped while the clock ran: nothing to fire.
        }
    }

    private void StopDeadlineTimer()
    {
        _deadlineClock?.Cancel();
        _deadlineClock?.Dispose();
        _deadlineClock = null;
        _deadlineTimer?.Dispose();
        _deadlineTimer = null;
    }

    /// <summary>Ends a call still waiting in <paramref name="waitingIn"/>; a call that moved on meanwhile is left alone.</summary>
    private async Task ExpireAsync(CallState waitingIn)
    {
        if (Call.State != waitingIn)
        {
            return;
        }
        try
        {
            await (waitingIn == CallState.Ringing
                ? FinishAsync(CallState.Missed, "no answer", notifyCaller: true, notifyCallee: true)
                : FinishAsync(CallState.Failed, $"media did not connect within {options.Value.ConnectTimeout.TotalSeconds:0} s", notifyCaller: true, notifyCallee: true));
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Timeout of call {Call} in state {State} failed", CallId, waitingIn);
        }
    }
}
