using Microsoft.Extensions.Time.Testing;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Security.Audit;
using SecureCall.Storage.Sqlite;
using SecureCall.Tests.Shared;

namespace SecureCall.Grains.Tests.Audit;

/// <summary>The audit log contract on the embedded database, and what is SQLite's own: the head checkpoint file beside it and its single writer.</summary>
public sealed class SqliteAuditLogTests : AuditLogContract, IAsyncLifetime
{
    private readonly ServiceFactory _services = new();
    private SqliteAuditLog _log = null!;

    public ValueTask InitializeAsync()
    {
        _log = _services.AuditLog();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    protected override IAuditLog Log => _log;
    protected override FakeTimeProvider Time => _services.Time;
    protected override string RecordTable => "audit_record";
    protected override string HeadCheckpointTable => "audit_head";
    protected override string PurgeCheckpointTable => "audit_checkpoint";

    protected override IAuditLog Reopen() => _services.AuditLog();

    protected override Task ExecuteAsync(string sql) => _services.Database.WriteAsync(session => session.Execute(sql));

    protected override string Blob(byte[] bytes) => $"X'{Convert.ToHexString(bytes)}'";

    /// <summary>SQLite reads the chain head from the newest record, so deleting records is the whole cut.</summary>
    protected override Task CutTailAsync(long after) => ExecuteAsync($"DELETE FROM audit_record WHERE seq > {after}");

    protected override async Task MoveHeadCheckpointAsync(long sequence)
    {
        await ExecuteAsync($"UPDATE audit_head SET seq = {sequence}, hash = (SELECT hash FROM audit_record WHERE seq = {sequence})");
        File.Delete(_log.HeadCheckpointPath);
    }

    [Fact]
    public async Task Append_ConcurrentWithFailingWritesInTheSameCommit_KeepsOneUnbrokenChain()
    {
        // Appends queued together share one commit and pass the chain head along in memory; failing writes between
        // them force the commit to be replayed write by write, which must neither fork nor duplicate the chain.
        var database = _services.Database;
        var work = new List<Task>();
        for (var i = 0; i < 60; i++)
        {
            work.Add(_log.AppendAsync(new AuditEvent(AuditEventType.LoginSucceeded, $"user{i}", "test", $"event {i}")));
            if (i % 7 == 0)
            {
                work.Add(database.WriteAsync<int>(_ => throw new InvalidOperationException("refused")));
            }
        }
        var outcomes = await Task.WhenAll(work.Select(async t => { try { await t; return true; } catch (InvalidOperationException) { return false; } }));

        Assert.Equal(60, outcomes.Count(ok => ok));
        var result = await _log.VerifyAsync();
        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(60, result.RecordsChecked);
    }

    [Fact]
    public async Task Verify_TailCutAndTheDatabaseCheckpointDeleted_IsStillDetectedFromTheCheckpointFile()
    {
        await AppendAsync(10);
        await _log.CheckpointHeadAsync();
        await CutTailAsync(after: 7);
        await ExecuteAsync("DELETE FROM audit_head");

        var result = await _log.VerifyAsync();

        Assert.Equal(AuditFinding.TailMissing, result.Finding);
        Assert.Equal(8, result.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_TailCutAndTheCheckpointFileDeleted_IsStillDetectedFromTheDatabase()
    {
        await AppendAsync(10);
        await _log.CheckpointHeadAsync();
        await CutTailAsync(after: 7);
        File.Delete(_log.HeadCheckpointPath);

        var result = await _log.VerifyAsync();

        Assert.Equal(AuditFinding.TailMissing, result.Finding);
        Assert.Equal(8, result.FirstBadSequence);
    }

    [Fact]
    public async Task CheckpointHead_KeepsTheNewestInAnOwnerOnlyFile()
    {
        await AppendAsync(6);

        await _log.CheckpointHeadAsync();

        Assert.Contains("\"seq\":6", await File.ReadAllTextAsync(_log.HeadCheckpointPath, TestContext.Current.CancellationToken));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_log.HeadCheckpointPath));
        }
    }

    [Fact]
    public async Task Purge_BacklogOfSeveralSlices_PurgesItAllAndLeavesVerifiableChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 4_500).Select(i =>
            _log.AppendAsync(new AuditEvent(AuditEventType.LoginFailed, $"user{i}", "test", "old"))));
        _services.Time.Advance(TimeSpan.FromDays(91));
        await AppendAsync(3);

        var purged = await _log.PurgeOlderThanAsync(_services.Time.GetUtcNow() - TimeSpan.FromDays(90));

        Assert.Equal(4_500, purged);
        var result = await _log.VerifyAsync();
        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(3, result.RecordsChecked);
        Assert.Equal(4_501, (await _log.ReadAsync(0, 1))[0].Sequence);
    }

    [Fact]
    public void Location_IsTheDatabaseFile() => Assert.Equal($"SQLite database {_services.Database.Path}", _log.Location);
}
