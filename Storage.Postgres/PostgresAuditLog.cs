using Npgsql;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Security;
using SecureCall.Security.Audit;
using SecureCall.Security.Tokens;

namespace SecureCall.Storage.Postgres;

/// <summary>
/// The audit log in the cluster's PostgreSQL (schema 0005), shared by every silo: records in day partitions, one chain
/// head row, signed head and purge checkpoints. Its four jobs are their own classes: <see cref="PostgresAuditWriter"/>
/// (group commit into one linear chain), <see cref="PostgresAuditVerifier"/>, <see cref="PostgresHeadCheckpointer"/>
/// and <see cref="PostgresAuditPurger"/>.
/// <para>
/// Head checkpoints live in the database only: there is no file beside a shared database. Someone with write access to
/// it can therefore cut the tail and delete the head checkpoints that vouch for it, and that is not detectable from the
/// database alone. Two things narrow it: every silo remembers the newest head checkpoint it wrote or read
/// (<see cref="SeenHeadCheckpoint"/>), and verification on that silo reports it missing; and the chain head row must
/// agree with the newest record, so a cut that does not also rewrite it is reported. An anchor outside the database
/// (the checkpoint in shipped logs) closes the rest.
/// </para>
/// </summary>
public sealed class PostgresAuditLog : IAuditLog, IAsyncDisposable
{
    /// <summary>The most events one <see cref="AppendAllAsync"/> takes: one login writes a handful.</summary>
    public const int MaxEventsPerAppend = 1_000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SecurityClock _time;
    private readonly PostgresAuditWriter _writer;
    private readonly PostgresAuditVerifier _verifier;
    private readonly PostgresHeadCheckpointer _checkpointer;
    private readonly PostgresAuditPurger _purger;

    public PostgresAuditLog(NpgsqlDataSource dataSource, SigningKeyRing keys, SecurityClock time)
    {
        _dataSource = dataSource;
        _time = time;
        var signer = new AuditCheckpointSigner(keys);
        var seen = new SeenHeadCheckpoint();
        _writer = new PostgresAuditWriter(dataSource, time);
        _verifier = new PostgresAuditVerifier(dataSource, signer, seen);
        _checkpointer = new PostgresHeadCheckpointer(dataSource, signer, seen, time);
        _purger = new PostgresAuditPurger(dataSource, signer, time);
    }

    /// <summary>Host, port and database only: the connection string's password must never reach a report.</summary>
    public string Location
    {
        get
        {
            var settings = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString);
            return $"PostgreSQL database {settings.Database} on {settings.Host}:{settings.Port}";
        }
    }

    public Task AppendAsync(AuditEvent auditEvent) => _writer.AppendAllAsync([auditEvent]);

    public Task AppendAllAsync(IReadOnlyList<AuditEvent> auditEvents) => _writer.AppendAllAsync(auditEvents);

    public Task NextAppendAsync() => _writer.NextAppendAsync();

    public Task StopAppendingAsync() => _writer.StopAsync();

    /// <summary>The container disposes the log before its data source: queued appends are written, not dropped.</summary>
    public async ValueTask DisposeAsync() => await StopAppendingAsync().ConfigureAwait(false);

    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(long afterSequence, int maxCount)
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        return await PostgresAuditSql.ReadPageAsync(connection, null, afterSequence, Math.Clamp(maxCount, 1, 10_000)).ConfigureAwait(false);
    }

    public Task<AuditVerification> VerifyAsync() => _verifier.VerifyAsync();

    public Task<HeadCheckpointOutcome> CheckpointHeadAsync() => _checkpointer.CheckpointHeadAsync();

    public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff) => _purger.PurgeOlderThanAsync(cutoff);

    /// <summary>Creates the partitions of today and the next <paramref name="days"/> days; the maintenance calls it daily.</summary>
    public Task CreatePartitionsAheadAsync(int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 31);
        var today = PostgresAuditPartitions.DayOf(_time.GetUtcNow());
        return PostgresAuditPartitions.EnsureAsync(_dataSource, Enumerable.Range(0, days + 1).Select(today.AddDays));
    }
}
