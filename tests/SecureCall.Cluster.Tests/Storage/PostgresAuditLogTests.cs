using Microsoft.Extensions.Time.Testing;
using SecureCall.Cluster.Tests.Infrastructure;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Security;
using SecureCall.Security.Audit;
using SecureCall.Storage.Postgres;
using SecureCall.Tests.Shared;

namespace SecureCall.Cluster.Tests.Storage;

/// <summary>
/// The audit log contract on the cluster's PostgreSQL, and what is its own: the chain head row, day partitions, group
/// commit across silos, and each silo's memory of the head checkpoints it saw (the only anchor a shared database has).
/// </summary>
public sealed class PostgresAuditLogTests(PostgresFixture postgres) : AuditLogContract, IAsyncLifetime
{
    private MigratedDatabase _database = null!;
    private PostgresAuditLog _log = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync(postgres, "audit");
        _log = NewLog();
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IAuditLog Log => _log;
    protected override FakeTimeProvider Time => _database.Time;
    protected override string RecordTable => "securecall_audit_record";
    protected override string HeadCheckpointTable => "securecall_audit_head_checkpoint";
    protected override string PurgeCheckpointTable => "securecall_audit_purge_checkpoint";

    protected override IAuditLog Reopen() => NewLog();

    protected override Task ExecuteAsync(string sql) => _database.PsqlAsync(sql);

    protected override string Blob(byte[] bytes) => $"'\\x{Convert.ToHexString(bytes)}'::bytea";

    /// <summary>Deletes the newest records and rewinds the chain head row to match.</summary>
    protected override async Task CutTailAsync(long after)
    {
        await _database.PsqlAsync($"DELETE FROM securecall_audit_record WHERE seq > {after}");
        await _database.PsqlAsync(
            $"UPDATE securecall_audit_chain_head SET seq = {after}, hash = (SELECT hash FROM securecall_audit_record WHERE seq = {after})");
    }

    protected override Task MoveHeadCheckpointAsync(long sequence) => _database.PsqlAsync(
        $"UPDATE securecall_audit_head_checkpoint SET seq = {sequence}, hash = (SELECT hash FROM securecall_audit_record WHERE seq = {sequence})");

    [Fact]
    public async Task Verify_TailCut_IsReportedFromTheChainHead()
    {
        await AppendAsync(10);
        await _database.PsqlAsync("DELETE FROM securecall_audit_record WHERE seq > 7");

        var result = await NewLog().VerifyAsync();

        Assert.Equal(AuditFinding.TailMissing, result.Finding);
        Assert.Equal(8, result.FirstBadSequence);
        Assert.Contains("chain head names record 10", result.Reason);
    }

    [Fact]
    public async Task Verify_TailCutAndHeadCheckpointsDeleted_IsDetectedByASiloThatSawTheCheckpoint()
    {
        await AppendAsync(10);
        await _log.CheckpointHeadAsync();
        await CutTailAsync(after: 7);
        await _database.PsqlAsync("DELETE FROM securecall_audit_head_checkpoint");

        var result = await _log.VerifyAsync();

        Assert.Equal(AuditFinding.TailMissing, result.Finding);
        Assert.Equal(8, result.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_TailCutAndHeadCheckpointsDeleted_IsNotDetectedByASiloThatNeverSawThem()
    {
        // The documented limit of a database-only anchor: whoever can write every table can erase the evidence.
        await AppendAsync(10);
        await _log.CheckpointHeadAsync();
        await CutTailAsync(after: 7);
        await _database.PsqlAsync("DELETE FROM securecall_audit_head_checkpoint");

        var result = await NewLog().VerifyAsync();

        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(7, result.LastSequence);
    }

    [Fact]
    public async Task Verify_HeadCheckpointDeletedWithoutACut_IsReportedBySiloThatSawIt()
    {
        await AppendAsync(5);
        await _log.CheckpointHeadAsync();
        await _database.PsqlAsync("DELETE FROM securecall_audit_head_checkpoint");

        var result = await _log.VerifyAsync();
        var refused = await _log.CheckpointHeadAsync();

        Assert.Equal(AuditFinding.CheckpointInvalid, result.Finding);
        Assert.Contains("gone from the database", result.Reason);
        Assert.False(refused.Written);
        Assert.NotNull(refused.Refusal);
    }

    [Fact]
    public async Task CheckpointHead_KeepsEveryCheckpoint()
    {
        await AppendAsync(4);
        await _log.CheckpointHeadAsync();
        await AppendAsync(2);
        await NewLog().CheckpointHeadAsync();

        Assert.Equal("4,6", await _database.PsqlAsync("SELECT string_agg(seq::text, ',' ORDER BY seq) FROM securecall_audit_head_checkpoint"));
    }

    [Fact]
    public void Location_NamesServerAndDatabase_WithoutThePassword()
    {
        Assert.StartsWith("PostgreSQL database ", _log.Location);
        Assert.DoesNotContain("assword", _log.Location);
    }
    [Fact]
    public async Task Purge_DropsWholeDayPartitions_AndTheChainStillVerifiesAndGrows()
    {
        await AppendAsync(5);
        await _log.CheckpointHeadAsync();
        Advance(TimeSpan.FromDays(1));
        await AppendAsync(3);
        Advance(TimeSpan.FromDays(90));
        await AppendAsync(2);

        var purged = await _log.PurgeOlderThanAsync(_database.Time.GetUtcNow() - TimeSpan.FromDays(90));
        await AppendAsync(2);

        Assert.Equal(5, purged);
        Assert.Equal("securecall_audit_record_20260102,securecall_audit_record_20260402", await PartitionsAsync());
        Assert.Equal("5", await _database.PsqlAsync("SELECT seq FROM securecall_audit_purge_checkpoint"));
        var result = await NewLog().VerifyAsync();
        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(7, result.RecordsChecked);
        Assert.Equal(6, (await _log.ReadAsync(0, 1))[0].Sequence);
        Assert.True((await _log.CheckpointHeadAsync()).Written);
    }

    [Fact]
    public async Task Purge_KeepsTheCutoffsOwnDay_UntilTheWholeDayIsPastIt()
    {
        Advance(TimeSpan.FromHours(10));
        await AppendAsync(3);
        Advance(TimeSpan.FromDays(90));

        var early = await _log.PurgeOlderThanAsync(_database.Time.GetUtcNow() - TimeSpan.FromDays(90) + TimeSpan.FromHours(2));
        Advance(TimeSpan.FromHours(14));
        var late = await _log.PurgeOlderThanAsync(_database.Time.GetUtcNow() - TimeSpan.FromDays(90));

        Assert.Equal(0, early);
        Assert.Equal(3, late);
        Assert.True((await _log.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Purge_RecordCoveredByTheCheckpointButInALaterDay_IsDeletedWithTheDroppedDay()
    {
        // Two silos whose clocks straddle midnight: record 1 is stamped on day 2, record 2 (appended later) on day 1.
        var ahead = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 0, 0, 1, TimeSpan.Zero));
        var behind = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 23, 59, 59, TimeSpan.Zero));
        await NewLog(ahead).AppendAsync(Event("ahead"));
        await NewLog(behind).AppendAsync(Event("behind"));
        await NewLog(ahead).AppendAsync(Event("after"));

        var purged = await _log.PurgeOlderThanAsync(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(2, purged);
        var result = await _log.VerifyAsync();
        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(1, result.RecordsChecked);
        Assert.Equal("after", (await _log.ReadAsync(0, 10)).Single().Detail);
    }

    [Fact]
    public async Task Append_IntoADayWithoutAPartition_CreatesIt_AlsoAfterItWasDropped()
    {
        await AppendAsync(1);
        Advance(TimeSpan.FromDays(3));
        await AppendAsync(1);
        await _database.PsqlAsync("DROP TABLE securecall_audit_record_20260104");
        await _database.PsqlAsync("UPDATE securecall_audit_chain_head SET seq = 1, hash = (SELECT hash FROM securecall_audit_record WHERE seq = 1)");
        await AppendAsync(1);

        Assert.Equal("securecall_audit_record_20260101,securecall_audit_record_20260104", await PartitionsAsync());
        Assert.True((await _log.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task CreatePartitionsAhead_CreatesTodayAndTheNextDays_Idempotently()
    {
        await _log.CreatePartitionsAheadAsync(2);
        await NewLog().CreatePartitionsAheadAsync(2);

        Assert.Equal(
            "securecall_audit_record_20260101,securecall_audit_record_20260102,securecall_audit_record_20260103",
            await PartitionsAsync());
    }

    [Fact]
    public async Task AppendAll_OneEventRefused_StoresNoneOfThem()
    {
        await AppendAsync(2);
        await _database.PsqlAsync("ALTER TABLE securecall_audit_record ADD CONSTRAINT refuse_poison CHECK (detail <> 'poison')");

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _log.AppendAllAsync([Event("fine"), Event("poison")]));
        await _log.AppendAsync(Event("next"));

        var records = await _log.ReadAsync(0, 10);
        Assert.Equal(["event 0", "event 1", "next"], records.Select(r => r.Detail));
        Assert.True((await _log.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task AppendAll_TooManyEvents_IsRefusedBeforeAnythingIsStored()
    {
        var events = Enumerable.Range(0, PostgresAuditLog.MaxEventsPerAppend + 1).Select(i => Event($"e{i}")).ToArray();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _log.AppendAllAsync(events));
        Assert.Empty(await _log.ReadAsync(0, 10));
    }

    [Fact]
    public async Task Append_TwoLogsOnOneDatabase_KeepOneLinearChain_WithEachAppendAllConsecutive()
    {
        // Two instances with their own connection pools, as two silos have.
        var other = NewLog();
        var work = new List<Task>();
        for (var i = 0; i < 100; i++)
        {
            var log = i % 2 == 0 ? _log : other;
            work.Add(log.AppendAsync(Event($"single {i}")));
            work.Add(log.AppendAllAsync([Event($"pair {i} first"), Event($"pair {i} second")]));
        }
        await Task.WhenAll(work);

        var records = await _log.ReadAsync(0, 1_000);
        Assert.Equal(300, records.Count);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), records.Select(r => r.Sequence));
        for (var i = 0; i < 100; i++)
        {
            var first = records.Single(r => r.Detail == $"pair {i} first");
            Assert.Equal(first.Sequence + 1, records.Single(r => r.Detail == $"pair {i} second").Sequence);
        }
        var result = await other.VerifyAsync();
        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(300, result.RecordsChecked);
    }

    private PostgresAuditLog NewLog(FakeTimeProvider? time = null) =>
        new(_database.NewDataSource(), _database.Keys, time is null ? _database.Clock : new SecurityClock(time));

    private void Advance(TimeSpan by) => _database.Time.Advance(by);

    private Task<string> PartitionsAsync() => _database.PsqlAsync("""
        SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'securecall_audit_record'::regclass
        """);
}
