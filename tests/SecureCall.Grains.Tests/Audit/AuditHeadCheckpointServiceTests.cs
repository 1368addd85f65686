using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using SecureCall.Grains.Audit;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Options;
using SecureCall.Security;
using SecureCall.Security.Audit;

namespace SecureCall.Grains.Tests.Audit;

/// <summary>
/// The head checkpoint's schedule on a fake clock: at start, a delay after each burst of records (at most an interval
/// while they keep coming), at stop and at the end of the shutdown.
/// </summary>
public sealed class AuditHeadCheckpointServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly ServiceFactory _services = new();
    private ObservedAuditLog _log = null!;

    public ValueTask InitializeAsync()
    {
        _log = new ObservedAuditLog(_services.AuditLog());
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task Service_CheckpointsTheHeadAtStart_AfterEachBurst_AtStop_AndAfterShutdown()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var clock = new ObservedTimeProvider(_services.Time);
        var service = Service(clock, Interval);
        await AppendAsync(3);

        await service.StartAsync(cancellation);
        var atStart = await ReadAsync(_log.Checkpoints);
        await AppendBurstAsync(2);
        await clock.TimerCreatedAsync(Within);
        _services.Time.Advance(Delay);
        var afterBurst = await ReadAsync(_log.Checkpoints);
        await AppendAsync(1);
        await service.StopAsync(cancellation);
        var atStop = await ReadAsync(_log.Checkpoints);
        var lastAppend = _log.AppendAsync(new AuditEvent(AuditEventType.LoginSucceeded, "alice", "test", "queued as the host stops"));
        await service.FinalCheckpointAsync();
        var atShutdown = await ReadAsync(_log.Checkpoints);
        await lastAppend;

        Assert.Equal(3, atStart.Checkpoint!.Sequence);
        Assert.Equal(5, afterBurst.Checkpoint!.Sequence);
        Assert.Equal(6, atStop.Checkpoint!.Sequence);
        Assert.True(atShutdown.Written);
        Assert.Equal(7, atShutdown.Checkpoint!.Sequence);
        // Appends are closed: nothing can follow the final checkpoint.
        await Assert.ThrowsAsync<InvalidOperationException>(() => _log.AppendAsync(new AuditEvent(AuditEventType.LoginSucceeded, "alice", "test", "too late")));
        // The last record is anchored: cutting it off is now detected.
        await _services.Database.WriteAsync(session => session.Execute("DELETE FROM audit_record WHERE seq = 7"));
        Assert.Equal(AuditFinding.TailMissing, (await _log.VerifyAsync()).Finding);
    }

    [Fact]
    public async Task Service_OnAnEmptyLog_CheckpointsTheFirstRecordsWithinTheDelay_NotAfterAWholeInterval()
    {
        // A host's first minute: nothing to sign at start, then the start-up's records arrive in a burst.
        var cancellation = TestContext.Current.CancellationToken;
        var clock = new ObservedTimeProvider(_services.Time);
        var service = Service(clock, Interval);
        await service.StartAsync(cancellation);
        Assert.False((await ReadAsync(_log.Checkpoints)).Written);

        await AppendBurstAsync(3);
        await clock.TimerCreatedAsync(Within);
        _services.Time.Advance(Delay);
        var afterBurst = await ReadAsync(_log.Checkpoints);
        await service.StopAsync(cancellation);

        Assert.True(afterBurst.Written);
        Assert.Equal(3, afterBurst.Checkpoint!.Sequence);
    }

    [Fact]
    public async Task Service_WhileRecordsKeepComing_CheckpointsOncePerInterval()
    {
        // Records every 4 s never leave the head still for the 5 s delay: the interval bounds the wait.
        var cancellation = TestContext.Current.CancellationToken;
        var interval = TimeSpan.FromSeconds(12);
        var clock = new ObservedTimeProvider(_services.Time);
        var service = Service(clock, interval);
        await service.StartAsync(cancellation);
        Assert.False((await ReadAsync(_log.Checkpoints)).Written);

        for (var i = 0; i < 3; i++)
        {
            Assert.False(_log.Checkpoints.TryRead(out _));
            await AppendBurstAsync(1);
            await clock.TimerCreatedAsync(Within);
            _services.Time.Advance(TimeSpan.FromSeconds(4));
        }
        var withinInterval = await ReadAsync(_log.Checkpoints);
        await service.StopAsync(cancellation);

        Assert.True(withinInterval.Written);
        Assert.Equal(3, withinInterval.Checkpoint!.Sequence);
    }

    private AuditHeadCheckpointService Service(TimeProvider clock, TimeSpan interval) =>
        new(_log, Microsoft.Extensions.Options.Options.Create(new AuditOptions { HeadCheckpointInterval = interval, HeadCheckpointDelay = Delay }),
            new SecurityClock(clock), NullLogger<AuditHeadCheckpointService>.Instance);

    /// <summary>Records stored in one write, so the service sees the head move once.</summary>
    private Task AppendBurstAsync(int count) =>
        _log.AppendAllAsync(Enumerable.Range(0, count).Select(i => new AuditEvent(AuditEventType.LoginSucceeded, "alice", "test", $"burst {i}")).ToList());

    private static async Task<T> ReadAsync<T>(ChannelReader<T> reader)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await reader.ReadAsync(timeout.Token);
    }

    private async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _log.AppendAsync(new AuditEvent(AuditEventType.LoginSucceeded, "alice", "test", $"event {i}"));
        }
    }

    /// <summary>The real log, announcing each head checkpoint it completes, so the test waits on events, not on time.</summary>
    private sealed class ObservedAuditLog(IAuditLog inner) : IAuditLog
    {
        private readonly Channel<HeadCheckpointOutcome> _checkpoints = Channel.CreateUnbounded<HeadCheckpointOutcome>();

        public ChannelReader<HeadCheckpointOutcome> Checkpoints => _checkpoints.Reader;

        public string Location => inner.Location;

        public Task AppendAsync(AuditEvent auditEvent) => inner.AppendAsync(auditEvent);

        public Task AppendAllAsync(IReadOnlyList<AuditEvent> auditEvents) => inner.AppendAllAsync(auditEvents);

        public Task NextAppendAsync() => inner.NextAppendAsync();

        public Task<IReadOnlyList<AuditRecord>> ReadAsync(long afterSequence, int maxCount) => inner.ReadAsync(afterSequence, maxCount);

        public Task<AuditVerification> VerifyAsync() => inner.VerifyAsync();

        public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff) => inner.PurgeOlderThanAsync(cutoff);

        public Task StopAppendingAsync() => inner.StopAppendingAsync();

        public async Task<HeadCheckpointOutcome> CheckpointHeadAsync()
        {
            var outcome = await inner.CheckpointHeadAsync();
            _checkpoints.Writer.TryWrite(outcome);
            return outcome;
        }
    }

    /// <summary>The fake clock, announcing each timer created on it, so the test moves time only once the service waits on it.</summary>
    private sealed class ObservedTimeProvider(TimeProvider inner) : TimeProvider
    {
        private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = inner.CreateTimer(callback, state, dueTime, period);
            _timers.Writer.TryWrite(dueTime);
            return timer;
        }

        public void DrainTimers()
        {
            while (_timers.Reader.TryRead(out _))
            {
            }
        }

        public async Task TimerCreatedAsync(TimeSpan within)
        {
            using var timeout = new CancellationTokenSource(within);
            try
            {
                await _timers.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // No timer: the assertions that follow say what was missed.
            }
        }
    }
}
