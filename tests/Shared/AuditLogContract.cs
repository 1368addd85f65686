using Microsoft.Extensions.Time.Testing;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Security.Audit;
using Xunit;

namespace SecureCall.Tests.Shared;

/// <summary>
/// What every audit log must do, stated once and run against each store (SQLite in the grain tests, PostgreSQL in the
/// cluster tests). A store's own test class derives from this, supplies the hooks below, and adds only what is its own
/// (the SQLite head file, PostgreSQL's partitions and its silos' memory of checkpoints).
/// </summary>
public abstract class AuditLogContract
{
    /// <summary>The log under test.</summary>
    protected abstract IAuditLog Log { get; }

    /// <summary>The clock the log stamps records with.</summary>
    protected abstract FakeTimeProvider Time { get; }

    /// <summary>Table names, for tampering with the store directly.</summary>
    protected abstract string RecordTable { get; }
    protected abstract string HeadCheckpointTable { get; }
    protected abstract string PurgeCheckpointTable { get; }

    /// <summary>Another log on the same store that remembers nothing: a restarted host or another silo.</summary>
    protected abstract IAuditLog Reopen();

    /// <summary>Runs SQL on the store as someone with write access to the database would.</summary>
    protected abstract Task ExecuteAsync(string sql);

    /// <summary>A SQL literal of <paramref name="bytes"/> in the store's dialect.</summary>
    protected abstract string Blob(byte[] bytes);

    /// <summary>What a careful attacker does: deletes the records after <paramref name="after"/> and whatever else the store keeps of the head.</summary>
    protected abstract Task CutTailAsync(long after);

    /// <summary>Moves the newest head checkpoint back to <paramref name="sequence"/> without the signing key, wherever the store keeps it.</summary>
    protected abstract Task MoveHeadCheckpointAsync(long sequence);

    [Fact]
    public async Task Verify_UntouchedChain_IsIntact()
    {
        await AppendAsync(20);

        var result = await Log.VerifyAsync();

        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(20, result.RecordsChecked);
        Assert.Equal(20, result.LastSequence);
    }

    [Fact]
    public async Task Append_LinksEachRecordToThePreviousHash_InTheOneChainFormat()
    {
        await AppendAsync(3);

        var records = await Log.ReadAsync(0, 10);

        Assert.Equal(AuditChain.Genesis, records[0].PreviousHash);
        Assert.Equal(records[0].Hash, records[1].PreviousHash);
        Assert.Equal(records[1].Hash, records[2].PreviousHash);
        Assert.All(records, r => Assert.Equal(AuditChain.Hash(r), r.Hash));
        Assert.Equal("event 2", records[2].Detail);
    }

    [Fact]
    public async Task Verify_EditedRecord_IsDetectedAtThatRecord()
    {
        await AppendAsync(10);
        await ExecuteAsync($"UPDATE {RecordTable} SET detail = 'nothing happened' WHERE seq = 4");

        var result = await Log.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(AuditFinding.RecordAltered, result.Finding);
        Assert.Equal(4, result.FirstBadSequence);
        Assert.Equal(3, result.RecordsChecked);
    }

    [Fact]
    public async Task Verify_EditedRecordBeforeAHeadCheckpoint_IsDetectedAtThatRecord()
    {
        await AppendAsync(10);
        await Log.CheckpointHeadAsync();
        await ExecuteAsync($"UPDATE {RecordTable} SET subject = 'mallory' WHERE seq = 4");

        var result = await Log.VerifyAsync();

        Assert.Equal(AuditFinding.RecordAltered, result.Finding);
        Assert.Equal(4, result.FirstBadSequence);
        Assert.Contains("Record 4 was altered", result.Reason);
    }

    [Fact]
    public async Task Verify_RecordRehashedAfterEdit_IsDetectedByTheNextLink()
    {
        await AppendAsync(5);
        var records = await Log.ReadAsync(0, 10);
        var forgedHash = AuditChain.Hash(records[2] with { Detail = "forged" });
        await ExecuteAsync($"UPDATE {RecordTable} SET detail = 'forged', hash = {Blob(forgedHash)} WHERE seq = 3");

        var result = await Log.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_DeletedRecordInTheMiddle_IsDetected()
    {
        await AppendAsync(10);
        await Log.CheckpointHeadAsync();
        await ExecuteAsync($"DELETE FROM {RecordTable} WHERE seq = 6");

        var result = await Log.VerifyAsync();

        Assert.Equal(AuditFinding.RecordMissing, result.Finding);
        Assert.Equal(6, result.FirstBadSequence);
        Assert.Equal("Record 6 is missing (deleted).", result.Reason);
    }

    [Fact]
    public async Task Verify_DeletedFirstRecordWithoutCheckpoint_IsDetected()
    {
        await AppendAsync(5);
        await ExecuteAsync($"DELETE FROM {RecordTable} WHERE seq = 1");

        Assert.False((await Log.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Verify_TailCutBackPastTheHeadCheckpoint_IsReportedAsAMissingTail()
    {
        await AppendAsync(10);
        var checkpoint = await Log.CheckpointHeadAsync();
        await CutTailAsync(after: 7);

        var result = await Reopen().VerifyAsync();

        Assert.True(checkpoint.Written);
        Assert.Equal(AuditFinding.TailMissing, result.Finding);
        Assert.Equal(8, result.FirstBadSequence);
        Assert.Equal(7, result.RecordsChecked);
        Assert.Equal(10, result.HeadCheckpointSequence);
        Assert.Contains("records 8 to 10 were cut off", result.Reason);
    }

    [Fact]
    public async Task Verify_TailCutAndReplacedWithAFreshlyHashedTail_IsReportedAsHeadMismatch()
    {
        await AppendAsync(10);
        await Log.CheckpointHeadAsync();
        // Whoever cuts the tail can append a plausible one (the chain's hash needs no key); the signed head cannot follow.
        await CutTailAsync(after: 7);
        await AppendAsync(5);

        var result = await Reopen().VerifyAsync();

        Assert.Equal(AuditFinding.HeadMismatch, result.Finding);
        Assert.Equal(10, result.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_HeadCheckpointMovedWithoutTheKey_IsAnInvalidCheckpoint()
    {
        await AppendAsync(10);
        await Log.CheckpointHeadAsync();
        await CutTailAsync(after: 7);
        await MoveHeadCheckpointAsync(7);

        var result = await Reopen().VerifyAsync();

        Assert.Equal(AuditFinding.CheckpointInvalid, result.Finding);
    }

    [Fact]
    public async Task Verify_TailCutWithinTheWindowSinceTheLastCheckpoint_IsNotDetected()
    {
        // The documented window: records appended after the newest head checkpoint are not yet anchored.
        await AppendAsync(10);
        await Log.CheckpointHeadAsync();
        await AppendAsync(3);
        await CutTailAsync(after: 10);

        var result = await Log.VerifyAsync();

        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(10, result.LastSequence);
        Assert.Equal(10, result.HeadCheckpointSequence);
    }

    [Fact]
    public async Task CheckpointHead_SignsTheHeadOnlyWhenItMoved()
    {
        Assert.Null((await Log.CheckpointHeadAsync()).Checkpoint);
        await AppendAsync(4);

        var first = await Log.CheckpointHeadAsync();
        var unchanged = await Reopen().CheckpointHeadAsync();
        await AppendAsync(2);
        var moved = await Reopen().CheckpointHeadAsync();

        Assert.True(first.Written);
        Assert.Equal(4, first.Checkpoint!.Sequence);
        Assert.False(unchanged.Written);
        Assert.Equal(4, unchanged.Checkpoint!.Sequence);
        Assert.True(moved.Written);
        Assert.Equal(6, moved.Checkpoint!.Sequence);
        Assert.Equal((await Log.ReadAsync(5, 1))[0].Hash, moved.Checkpoint.Hash);
        var result = await Log.VerifyAsync();
        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(6, result.HeadCheckpointSequence);
    }

    [Fact]
    public async Task CheckpointHead_AfterTheTailWasCutAndRegrown_RefusesAndKeepsTheEvidence()
    {
        await AppendAsync(10);
        await Log.CheckpointHeadAsync();
        await CutTailAsync(after: 7);
        await AppendAsync(6);

        var refused = await Reopen().CheckpointHeadAsync();

        Assert.False(refused.Written);
        Assert.NotNull(refused.Refusal);
        Assert.Equal(10, refused.Checkpoint!.Sequence);
        Assert.Equal(AuditFinding.HeadMismatch, (await Reopen().VerifyAsync()).Finding);
    }

    [Fact]
    public async Task Purge_OldRecords_LeavesAVerifiableChainThatKeepsGrowing()
    {
        await AppendAsync(5);
        Time.Advance(TimeSpan.FromDays(91));
        await AppendAsync(3);

        var purged = await Log.PurgeOlderThanAsync(Time.GetUtcNow() - TimeSpan.FromDays(90));
        await AppendAsync(2);

        Assert.Equal(5, purged);
        var result = await Reopen().VerifyAsync();
        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(5, result.RecordsChecked);
        Assert.Equal(6, (await Log.ReadAsync(0, 1))[0].Sequence);
    }

    [Fact]
    public async Task Verify_HeadCheckpointOlderThanThePurge_IsCoveredByThePurgeCheckpoint()
    {
        await AppendAsync(5);
        await Log.CheckpointHeadAsync();
        Time.Advance(TimeSpan.FromDays(91));
        await AppendAsync(3);
        await Log.PurgeOlderThanAsync(Time.GetUtcNow() - TimeSpan.FromDays(90));

        var result = await Log.VerifyAsync();
        var next = await Log.CheckpointHeadAsync();

        Assert.True(result.IsIntact, result.Reason);
        Assert.True(next.Written);
        Assert.Equal(8, next.Checkpoint!.Sequence);
    }

    [Fact]
    public async Task Verify_PurgeCheckpointMovedWithoutTheKey_IsAnInvalidCheckpoint()
    {
        await AppendAsync(5);
        Time.Advance(TimeSpan.FromDays(91));
        await AppendAsync(3);
        await Log.PurgeOlderThanAsync(Time.GetUtcNow() - TimeSpan.FromDays(90));
        // Someone deletes two more records and moves the checkpoint forward without the signing key.
        await ExecuteAsync($"DELETE FROM {RecordTable} WHERE seq <= 7");
        await ExecuteAsync($"UPDATE {PurgeCheckpointTable} SET seq = 7");

        var result = await Log.VerifyAsync();

        Assert.Equal(AuditFinding.CheckpointInvalid, result.Finding);
    }

    [Fact]
    public async Task Append_ManyConcurrentTasks_KeepOneLinearChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Log.AppendAsync(Event($"concurrent {i}"))));

        var result = await Log.VerifyAsync();

        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(200, result.RecordsChecked);
    }

    [Fact]
    public async Task AppendAll_AmongConcurrentAppends_StoresItsEventsAsConsecutiveLinks()
    {
        var singles = Enumerable.Range(0, 50).Select(i => Log.AppendAsync(Event($"single {i}"))).ToList();
        var pair = Log.AppendAllAsync([Event("first of the pair"), Event("second of the pair")]);
        await Task.WhenAll([.. singles, pair]);

        var records = await Log.ReadAsync(0, 100);
        var first = records.Single(r => r.Detail == "first of the pair");
        var second = records.Single(r => r.Detail == "second of the pair");
        Assert.Equal(first.Sequence + 1, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(52, records.Count);
        var result = await Log.VerifyAsync();
        Assert.True(result.IsIntact, result.Reason);
    }

    [Fact]
    public async Task StopAppending_StoresEverythingAcceptedBefore_AndRefusesWhatComesAfter()
    {
        // The host's shutdown: appends still queued when it stops are written, so the final checkpoint covers them.
        var accepted = Enumerable.Range(0, 100).Select(i => Log.AppendAsync(Event($"before the stop {i}"))).ToList();

        await Log.StopAppendingAsync();

        Assert.All(accepted, append => Assert.True(append.IsCompletedSuccessfully));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Log.AppendAsync(Event("after the stop")));
        var checkpoint = await Log.CheckpointHeadAsync();
        Assert.Equal(100, checkpoint.Checkpoint!.Sequence);
        var result = await Reopen().VerifyAsync();
        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(100, result.LastSequence);
    }

    [Fact]
    public void Location_NamesWhereTheLogLives() => Assert.False(string.IsNullOrWhiteSpace(Log.Location));

    protected static AuditEvent Event(string detail) => new(AuditEventType.ChallengeIssued, "alice", "127.0.0.1", detail);

    protected async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Log.AppendAsync(Event($"event {i}"));
        }
    }
}
