using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using SecureCall.Grains.Audit;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Options;
using SecureCall.Security.Audit;

namespace SecureCall.Grains.Tests.Audit;

/// <summary>The head checkpoint's schedule on a fake clock: at start, once per interval, at stop and at the end of the shutdown.</summary>
public sealed class AuditHeadCheckpointServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly ServiceFactory _services = new();
    private ObservedAuditLog _log = null!;

    public ValueTask InitializeAsync()
    {
        _log = new ObservedAuditLog(_services.AuditLog());
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task Service_CheckpointsTheHeadAtStart_EveryInterval_AndAfterShutdown()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var service = new AuditHeadCheckpointService(_log, Microsoft.Extensions.Options.Options.Create(new AuditOptions { HeadCheckpointInterval = Interval }),
            _services.Clock, NullLogger<AuditHeadCheckpointService>.Instance);
        await AppendAsync(3);

        await service.StartAsync(cancellation);
        var atStart = await _log.Checkpoints.ReadAsync(cancellation);
        await AppendAsync(2);
        _services.Time.Advance(Interval);
        var afterInterval = await _log.Checkpoints.ReadAsync(cancellation);
        await AppendAsync(1);
        await service.StopAsync(cancellation);
        var atStop = await _log.Checkpoints.ReadAsync(cancellation);
        var lastAppend = _log.AppendAsync(new AuditEvent(AuditEventType.LoginSucceeded, "alice", "test", "queued as the host stops"));
        await service.FinalCheckpointAsync();
        var atShutdown = await _log.Checkpoints.ReadAsync(cancellation);
        await lastAppend;

        Assert.Equal(3, atStart.Checkpoint!.Sequence);
        Assert.Equal(5, afterInterval.Checkpoint!.Sequence);
        Assert.Equal(6, atStop.Checkpoint!.Sequence);
        Assert.True(atShutdown.Written);
        Assert.Equal(7, atShutdown.Checkpoint!.Sequence);
        // Appends are closed: nothing can follow the final checkpoint.
        await Assert.ThrowsAsync<InvalidOperationException>(() => _log.AppendAsync(new AuditEvent(AuditEventType.LoginSucceeded, "alice", "test", "too late")));
        // The last record is anchored: cutting it off is now detected.
        await _services.Database.WriteAsync(session => session.Execute("DELETE FROM audit_record WHERE seq = 7"));
        Assert.Equal(AuditFinding.TailMissing, (await _log.VerifyAsync()).Finding);
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

        public Task AppendAsync(AuditEvent auditEvent) => inner.AppendAsync(auditEvent);

        public Task AppendAllAsync(IReadOnlyList<AuditEvent> auditEvents) => inner.AppendAllAsync(auditEvents);

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
}
