using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Security.Audit;
using SecureCall.Storage.Sqlite;

namespace SecureCall.Grains.Tests.Audit;

public sealed class SqliteAuditLogTests : IAsyncLifetime
{
    private readonly ServiceFactory _services = new();
    private SqliteAuditLog _log = null!;

    public ValueTask InitializeAsync()
    {
        _log = _services.AuditLog();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task Verify_UntouchedChain_IsIntact()
    {
        await AppendAsync(20);

        var result = await _log.VerifyAsync();

        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(20, result.RecordsChecked);
    }

    [Fact]
    public async Task Append_LinksEachRecordToThePreviousHash()
    {
        await AppendAsync(3);

        var records = await _log.ReadAsync(0, 10);

        Assert.Equal(AuditChain.Genesis, records[0].PreviousHash);
        Assert.Equal(records[0].Hash, records[1].PreviousHash);
        Assert.Equal(records[1].Hash, records[2].PreviousHash);
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
    public async Task Verify_EditedRecord_IsDetectedAtThatRecord()
    {
        await AppendAsync(10);
        await ExecuteAsync("UPDATE audit_record SET detail = 'nothing happened' WHERE seq = 4");

        var result = await _log.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(AuditFinding.RecordAltered, result.Finding);
        Assert.Equal(4, result.FirstBadSequence);
        Assert.Equal(3, result.RecordsChecked);
    }

    [Fact]
    public async Task Verify_EditedRecordBeforeAHeadCheckpoint_IsDetectedAtThatRecord()
    {
        await AppendAsync(10);
        await _log.CheckpointHeadAsync();
        await ExecuteAsync("UPDATE audit_record SET subject = 'mallory' WHERE seq = 4");

        var result = await _log.VerifyAsync();

        Assert.Equal(AuditFinding.RecordAltered, result.Finding);
        Assert.Equal(4, result.FirstBadSequence);
        Assert.Contains("Record 4 was altered", result.Reason);
    }

    [Fact]
    public async Task Verify_DeletedRecord_IsDetected()
    {
        await AppendAsync(10);
        await _log.CheckpointHeadAsync();
        await ExecuteAsync("DELETE FROM audit_record WHERE seq = 6");

        var result = await _log.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(AuditFinding.RecordMissing, result.Finding);
        Assert.Equal(6, result.FirstBadSequence);
        Assert.Equal("Record 6 is missing (deleted).", result.Reason);
    }

    [Fact]
    public async Task Verify_TailCutBackPastTheHeadCheckpoint_IsReportedAsAMissingTail()
    {
        await AppendAsync(10);
        var checkpoint = await _log.CheckpointHeadAsync();
        await ExecuteAsync("DELETE FROM audit_record WHERE seq > 7");

        var result = await _log.VerifyAsync();

        Assert.True(checkpoint.Written);
        Assert.False(result.IsIntact);
        Assert.Equal(AuditFinding.TailMissing, result.Finding);
        Assert.Equal(8, result.FirstBadSequence);
        Assert.Equal(7, result.RecordsChecked);
        Assert.Equal(10, result.HeadCheckpointSequence);
        Assert.Contains("records 8 to 10 were cut off", result.Reason);
    }

    [Fact]
    public async Task Verify_TailCutAndTheDatabaseCheckpointDeleted_IsStillDetectedFromTheCheckpointFile()
    {
        await AppendAsync(10);
        await _log.CheckpointHeadAsync();
        await ExecuteAsync("DELETE FROM audit_record WHERE seq > 7");
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
        await ExecuteAsync("DELETE FROM audit_record WHERE seq > 7");
        File.Delete(_log.HeadCheckpointPath);

        var result = await _log.VerifyAsync();

        Assert.Equal(AuditFinding.TailMissing, result.Finding);
        Assert.Equal(8, result.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_TailCutAndReplacedWithAFreshlyHashedTail_IsReportedAsHeadMismatch()
    {
        await AppendAsync(10);
        await _log.CheckpointHeadAsync();
        // Whoever cuts the tail can append a plausible one (the chain's hash needs no key); the signed head cannot follow.
        await ExecuteAsync("DELETE FROM audit_record WHERE seq > 7");
        await AppendAsync(5);

        var result = await _log.VerifyAsync();

        Assert.Equal(AuditFinding.HeadMismatch, result.Finding);
        Assert.Equal(10, result.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_HeadCheckpointMovedForwardWithoutTheKey_IsAnInvalidCheckpoint()
    {
        await AppendAsync(10);
        await _log.CheckpointHeadAsync();
        await ExecuteAsync("DELETE FROM audit_record WHERE seq > 7");
        await ExecuteAsync("UPDATE audit_head SET seq = 7, hash = (SELECT hash FROM audit_record WHERE seq = 7)");
        File.Delete(_log.HeadCheckpointPath);

        var result = await _log.VerifyAsync();

        Assert.Equal(AuditFinding.CheckpointInvalid, result.Finding);
    }

    [Fact]
    public async Task Verify_TailCutWithinTheWindowSinceTheLastCheckpoint_IsNotDetected()
    {
        // The documented window: records appended after the newest head checkpoint are not yet anchored.
        await AppendAsync(10);
        await _log.CheckpointHeadAsync();
        await AppendAsync(3);
        await ExecuteAsync("DELETE FROM audit_record WHERE seq > 10");

        var result = await _log.VerifyAsync();

        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(10, result.LastSequence);
        Assert.Equal(10, result.HeadCheckpointSequence);
    }

    [Fact]
    public async Task CheckpointHead_SignsTheHeadOnlyWhenItMoved_AndKeepsAnOwnerOnlyFile()
    {
        Assert.Null((await _log.CheckpointHeadAsync()).Checkpoint);
        await AppendAsync(4);

        var first = await _log.CheckpointHeadAsync();
        var unchanged = await _log.CheckpointHeadAsync();
        await AppendAsync(2);
        var moved = await _log.CheckpointHeadAsync();

        Assert.True(first.Written);
        Assert.Equal(4, first.Checkpoint!.Sequence);
        Assert.False(unchanged.Written);
        Assert.Equal(4, unchanged.Checkpoint!.Sequence);
        Assert.True(moved.Written);
        Assert.Equal(6, moved.Checkpoint!.Sequence);
        Assert.Equal((await _log.ReadAsync(5, 1))[0].Hash, moved.Checkpoint.Hash);
        Assert.Contains("\"seq\":6", await File.ReadAllTextAsync(_log.HeadCheckpointPath, TestContext.Current.CancellationToken));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_log.HeadCheckpointPath));
        }
        var result = await _log.VerifyAsync();
        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(6, result.HeadCheckpointSequence);
    }

    [Fact]
    public async Task CheckpointHead_AfterTheTailWasCutAndRegrown_RefusesAndKeepsTheEvidence()
    {
        await AppendAsync(10);
        await _log.CheckpointHeadAsync();
        await ExecuteAsync("DELETE FROM audit_record WHERE seq > 7");
        await AppendAsync(6);

        var refused = await _log.CheckpointHeadAsync();

        Assert.False(refused.Written);
        Assert.NotNull(refused.Refusal);
        Assert.Equal(10, refused.Checkpoint!.Sequence);
        Assert.Equal(AuditFinding.HeadMismatch, (await _log.VerifyAsync()).Finding);
    }

    [Fact]
    public async Task Verify_HeadCheckpointOlderThanThePurge_IsCoveredByThePurgeCheckpoint()
    {
        await AppendAsync(5);
        await _log.CheckpointHeadAsync();
        _services.Time.Advance(TimeSpan.FromDays(91));
        await AppendAsync(3);
        await _log.PurgeOlderThanAsync(_services.Time.GetUtcNow() - TimeSpan.FromDays(90));

        var result = await _log.VerifyAsync();
        var next = await _log.CheckpointHeadAsync();

        Assert.True(result.IsIntact, result.Reason);
        Assert.True(next.Written);
        Assert.Equal(8, next.Checkpoint!.Sequence);
    }

    [Fact]
    public async Task Verify_DeletedFirstRecordWithoutCheckpoint_IsDetected()
    {
        await AppendAsync(5);
        await ExecuteAsync("DELETE FROM audit_record WHERE seq = 1");

        Assert.False((await _log.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Verify_RecordRehashedAfterEdit_IsDetectedByTheNextLink()
    {
        await AppendAsync(5);
        var records = await _log.ReadAsync(0, 10);
        var forged = records[2] with { Detail = "forged" };
        var forgedHash = AuditChain.Hash(forged);
        await _services.Database.WriteAsync(session =>
        {
            var command = session.Command("UPDATE audit_record SET detail = 'forged', hash = $h WHERE seq = 3");
            command.Parameters.AddWithValue("$h", forgedHash);
            return command.ExecuteNonQuery();
        });

        var result = await _log.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.FirstBadSequence);
    }

    [Fact]
    public async Task Purge_OldRecords_LeavesVerifiableChainThatKeepsGrowing()
    {
        await AppendAsync(5);
        _services.Time.Advance(TimeSpan.FromDays(91));
        await AppendAsync(3);

        var purged = await _log.PurgeOlderThanAsync(_services.Time.GetUtcNow() - TimeSpan.FromDays(90));
        await AppendAsync(2);

        Assert.Equal(5, purged);
        var result = await _log.VerifyAsync();
        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(5, result.RecordsChecked);
        Assert.Equal(6, (await _log.ReadAsync(0, 1))[0].Sequence);
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
    public async Task Verify_ForgedCheckpoint_IsDetected()
    {
        await AppendAsync(5);
        _services.Time.Advance(TimeSpan.FromDays(91));
        await AppendAsync(3);
        await _log.PurgeOlderThanAsync(_services.Time.GetUtcNow() - TimeSpan.FromDays(90));
        // Someone deletes two more records and moves the checkpoint forward without the signing key.
        await ExecuteAsync("DELETE FROM audit_record WHERE seq <= 7");
        await ExecuteAsync("UPDATE audit_checkpoint SET seq = 7");

        var result = await _log.VerifyAsync();

        Assert.False(result.IsIntact);
    }

    [Fact]
    public async Task Append_ConcurrentWriters_KeepOneLinearChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            _log.AppendAsync(new AuditEvent(AuditEventType.LoginFailed, $"user{i}", "test", "concurrent"))));

        var result = await _log.VerifyAsync();

        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(200, result.RecordsChecked);
    }

    [Fact]
    public async Task AppendAll_AmongConcurrentAppends_StoresItsEventsAsConsecutiveLinks()
    {
        var singles = Enumerable.Range(0, 50).Select(i =>
            _log.AppendAsync(new AuditEvent(AuditEventType.LoginFailed, $"user{i}", "test", "single"))).ToList();
        var pair = _log.AppendAllAsync([
            new AuditEvent(AuditEventType.SignatureVerified, "alice", "test", "first of the pair"),
            new AuditEvent(AuditEventType.TokenIssued, "alice", "test", "second of the pair"),
        ]);
        await Task.WhenAll([.. singles, pair]);

        var records = await _log.ReadAsync(0, 100);
        var first = records.Single(r => r.Detail == "first of the pair");
        var second = records.Single(r => r.Detail == "second of the pair");
        Assert.Equal(first.Sequence + 1, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(52, records.Count);
        var result = await _log.VerifyAsync();
        Assert.True(result.IsIntact, result.Reason);
    }

    private async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _log.AppendAsync(new AuditEvent(AuditEventType.ChallengeIssued, "alice", "127.0.0.1", $"event {i}"));
        }
    }

    private Task<int> ExecuteAsync(string sql) => _services.Database.WriteAsync(session => session.Execute(sql));
}
