using System.Collections.Concurrent;
using System.Data;
using System.Security.Cryptography;
using Npgsql;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Security;
using SecureCall.Security.Audit;
using SecureCall.Security.Tokens;

namespace SecureCall.Storage.Postgres;

/// <summary>
/// The audit log in the cluster's PostgreSQL (schema 0005), shared by every silo. Each append locks the one-row chain
/// head FOR UPDATE, extends the chain from it and moves it, all in one transaction: appends from any number of silos
/// form one linear chain. Records live in day partitions; a purge drops whole days and leaves a signed checkpoint.
/// <para>
/// Head checkpoints live in the database only: there is no file beside a shared database. Someone with write access to
/// it can therefore cut the tail and delete the head checkpoints that vouch for it, and that is not detectable from the
/// database alone. Two things narrow it: every silo remembers the newest head checkpoint it wrote or read, and
/// <see cref="VerifyAsync"/> on that silo reports it missing; and the chain head row must agree with the newest record,
/// so a cut that does not also rewrite it is reported. An anchor outside the database (the checkpoint in shipped logs)
/// closes the rest.
/// </para>
/// </summary>
public sealed class PostgresAuditLog(NpgsqlDataSource dataSource, SigningKeyRing keys, SecurityClock time) : IAuditLog, IAsyncDisposable
{
    /// <summary>The most events one <see cref="AppendAllAsync"/> takes: one login writes a handful.</summary>
    public const int MaxEventsPerAppend = 1_000;

    /// <summary>Host, port and database only: the connection string's password must never reach a report.</summary>
    public string Location
    {
        get
        {
            var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            return $"PostgreSQL database {settings.Database} on {settings.Host}:{settings.Port}";
        }
    }

    private const int VerifyPageSize = 1_000;
    private const string Columns = "seq, ts, event_type, subject, source, detail, prev_hash, hash";
    private const string CheckpointColumns = "seq, hash, created_at, key_id, signature";
    private readonly AuditCheckpointSigner _signer = new(keys);
    private readonly ConcurrentDictionary<DateOnly, bool> _knownDays = new();
    private readonly Lock _seenLock = new();
    private AuditCheckpoint? _newestSeen;
    private readonly System.Threading.Channels.Channel<PendingAppend> _pending =
        System.Threading.Channels.Channel.CreateUnbounded<PendingAppend>(new() { SingleReader = true });
    private Task? _writer;
    private readonly AuditAppendSignal _appended = new();

    public Task AppendAsync(AuditEvent auditEvent) => AppendAllAsync([auditEvent]);

    public Task AppendAllAsync(IReadOnlyList<AuditEvent> auditEvents)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(auditEvents.Count, MaxEventsPerAppend, nameof(auditEvents));
        if (auditEvents.Count == 0)
        {
            return Task.CompletedTask;
        }
        var now = time.GetUtcNow();
        var append = new PendingAppend(auditEvents.Select(auditEvent => AuditEntry.Of(auditEvent, now)).ToArray(), PostgresAuditPartitions.DayOf(now));
        if (!_pending.Writer.TryWrite(append))
        {
            throw new InvalidOperationException("The audit log is shut down.");
        }
        EnsureWriterStarted();
        _appended.After(append.Done.Task);
        return append.Done.Task;
    }

    public Task NextAppendAsync() => _appended.NextAsync();

    public async Task StopAppendingAsync()
    {
        _pending.Writer.TryComplete();
        // Started here too: an append may have queued itself and not yet started the loop. On a closed channel the
        // loop writes (or fails) what is queued, then ends.
        EnsureWriterStarted();
        await _writer!.ConfigureAwait(false);
    }

    /// <summary>The container disposes the log before its data source: queued appends are written, not dropped.</summary>
    public async ValueTask DisposeAsync() => await StopAppendingAsync().ConfigureAwait(false);

    /// <summary>
    /// Group commit: appends are linked into the chain by one writer per silo, which takes every append waiting when it
    /// starts a transaction and commits them together. Appends from all silos serialise on the chain head's row lock,
    /// so one lock and one commit per batch instead of per append is what lets the log keep up with logins (82/s with
    /// one transaction per append on 2 cores). Each append stays all-or-nothing: if a batch fails, its appends are
    /// retried one by one, so one refused append does not fail the others.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var reader = _pending.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var batch = new List<PendingAppend>();
            var count = 0;
            while (count < MaxEventsPerAppend && reader.TryRead(out var append))
            {
                batch.Add(append);
                count += append.Entries.Length;
            }
            try
            {
                await WriteAsync(batch.SelectMany(a => a.Entries).ToArray(), batch.Select(a => a.Day).Distinct()).ConfigureAwait(false);
                batch.ForEach(a => a.Done.TrySetResult());
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var append in batch)
                {
                    try
                    {
                        await WriteAsync(append.Entries, [append.Day]).ConfigureAwait(false);
                        append.Done.TrySetResult();
                    }
                    catch (Exception exception)
                    {
                        append.Done.TrySetException(exception);
                    }
                }
            }
            catch (Exception exception)
            {
                batch.ForEach(a => a.Done.TrySetException(exception));
            }
        }
    }

    private void EnsureWriterStarted()
    {
        if (_writer is null)
        {
            lock (_pending)
            {
                _writer ??= Task.Run(WriteLoopAsync);
            }
        }
    }

    private async Task WriteAsync(AuditEntry[] entries, IEnumerable<DateOnly> days)
    {
        var needed = days.ToArray();
        for (var attempt = 0; ; attempt++)
        {
            if (needed.Where(day => !_knownDays.ContainsKey(day)).ToArray() is { Length: > 0 } missing)
            {
                // Outside the append transaction, so no append waits on the chain head while the table is locked.
                await PostgresAuditPartitions.EnsureAsync(dataSource, missing).ConfigureAwait(false);
                foreach (var day in missing)
                {
                    _knownDays[day] = true;
                }
            }
            try
            {
                await InsertAsync(entries).ConfigureAwait(false);
                return;
            }
            catch (PostgresException e) when (attempt == 0 && e.SqlState == PostgresErrorCodes.CheckViolation && e.ConstraintName is null)
            {
                // "No partition for the row": a day's partition was dropped since we saw it. Create it once more.
                _knownDays.Clear();
            }
        }
    }

    private sealed record PendingAppend(AuditEntry[] Entries, DateOnly Day)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private async Task InsertAsync(AuditEntry[] entries)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var (sequence, previous) = await ReadChainHeadAsync(connection, transaction, lockIt: true).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var entry in entries)
        {
            sequence++;
            var hash = entry.Hash(sequence, previous);
            batch.BatchCommands.Add(Command(
                $"INSERT INTO securecall_audit_record ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                sequence, DateTimeOffset.FromUnixTimeMilliseconds(entry.TimestampMs), entry.Type, entry.Subject, entry.Source, entry.Detail, previous, hash));
            previous = hash;
        }
        batch.BatchCommands.Add(Command("UPDATE securecall_audit_chain_head SET seq = $1, hash = $2 WHERE id = 1", sequence, previous));
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>Creates the partitions of today and the next <paramref name="days"/> days; the maintenance calls it daily.</summary>
    public Task CreatePartitionsAheadAsync(int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 31);
        var today = PostgresAuditPartitions.DayOf(time.GetUtcNow());
        return PostgresAuditPartitions.EnsureAsync(dataSource, Enumerable.Range(0, days + 1).Select(today.AddDays));
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(long afterSequence, int maxCount)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        return await ReadPageAsync(connection, null, afterSequence, Math.Clamp(maxCount, 1, 10_000)).ConfigureAwait(false);
    }

    public async Task<AuditVerification> VerifyAsync()
    {
        // Read before the snapshot: a checkpoint this silo writes later only vouches for records the snapshot holds.
        var seen = NewestSeen;
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        // One snapshot for the whole walk. It holds a share lock on the table, so partition changes wait for it (or
        // time out and retry): verify on a replica if the log is large.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead).ConfigureAwait(false);
        var purge = await ReadPurgeCheckpointAsync(connection, transaction).ConfigureAwait(false);
        var heads = await ReadCheckpointsAsync(connection, transaction,
            "SELECT " + CheckpointColumns + " FROM securecall_audit_head_checkpoint WHERE seq > $1 ORDER BY seq", purge?.Sequence ?? 0).ConfigureAwait(false);
        var (headSequence, headHash) = await ReadChainHeadAsync(connection, transaction, lockIt: false).ConfigureAwait(false);
        var verifier = AuditChainVerifier.Start(_signer, purge, [.. heads, seen]);
        List<AuditRecord> page;
        do
        {
            page = await ReadPageAsync(connection, transaction, verifier.LastSequence, VerifyPageSize).ConfigureAwait(false);
        }
        while (page.Count > 0 && page.All(verifier.Accept));
        var result = verifier.Finish();
        if (!result.IsIntact)
        {
            return result;
        }
        Remember(heads.LastOrDefault());
        if (seen is not null && seen.Sequence > (purge?.Sequence ?? 0) && !heads.Any(h => h.Sequence == seen.Sequence))
        {
            return verifier.Broken(AuditFinding.CheckpointInvalid, seen.Sequence,
                $"The signed head checkpoint of {seen.CreatedAt:O} for record {seen.Sequence}, which this silo saw, is gone from the database: checkpoints were deleted.");
        }
        if (headSequence > verifier.LastSequence)
        {
            return verifier.Broken(AuditFinding.TailMissing, verifier.LastSequence + 1,
                $"The log ends at record {verifier.LastSequence}, but the chain head names record {headSequence}: records {verifier.LastSequence + 1} to {headSequence} were cut off.");
        }
        if (headSequence < verifier.LastSequence || !CryptographicOperations.FixedTimeEquals(headHash, verifier.LastHash))
        {
            return verifier.Broken(AuditFinding.HeadMismatch, headSequence,
                $"The chain head names record {headSequence} with another hash than the log's newest record {verifier.LastSequence}: the head or the tail was rewritten.");
        }
        return result;
    }

    public async Task<HeadCheckpointOutcome> CheckpointHeadAsync()
    {
        var seen = NewestSeen;
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        // Locking the chain head holds appends still and makes concurrent checkpointers take turns.
        var (headSequence, headHash) = await ReadChainHeadAsync(connection, transaction, lockIt: true).ConfigureAwait(false);
        var purgedUpTo = (await ReadPurgeCheckpointAsync(connection, transaction).ConfigureAwait(false))?.Sequence ?? 0;
        var stored = (await ReadCheckpointsAsync(connection, transaction,
            "SELECT " + CheckpointColumns + " FROM securecall_audit_head_checkpoint ORDER BY seq DESC LIMIT $1", 1).ConfigureAwait(false)).SingleOrDefault();
        var newest = stored is null || (seen is not null && seen.Sequence > stored.Sequence) ? seen : stored;
        if (seen is not null && seen.Sequence > purgedUpTo && (stored is null || stored.Sequence < seen.Sequence))
        {
            return new HeadCheckpointOutcome(newest, false,
                $"The signed head checkpoint for record {seen.Sequence}, which this silo saw, is gone from the database.");
        }
        var (lastSequence, _) = await ReadNewestRecordAsync(connection, transaction).ConfigureAwait(false);
        if (lastSequence is { } last && last != headSequence)
        {
            return new HeadCheckpointOutcome(newest, false, $"The log ends at record {last}, but the chain head names record {headSequence}.");
        }
        if (stored is not null)
        {
            var recordHash = await ReadHashAsync(connection, transaction, stored.Sequence).ConfigureAwait(false);
            if (_signer.HeadContradiction(stored, purgedUpTo, headSequence, recordHash) is { } contradiction)
            {
                return new HeadCheckpointOutcome(newest, false, contradiction);
            }
        }
        if (headSequence == 0 || headSequence <= purgedUpTo || (newest is not null && newest.Sequence >= headSequence))
        {
            // Nothing new since the last checkpoint (or nothing at all): no signature, no write.
            return new HeadCheckpointOutcome(newest, false, null);
        }
        var checkpoint = _signer.SignHead(headSequence, headHash, now);
        await ExecuteAsync(connection, transaction,
            $"INSERT INTO securecall_audit_head_checkpoint ({CheckpointColumns}) VALUES ($1, $2, $3, $4, $5)",
            checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAt, checkpoint.KeyId, checkpoint.Signature).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        Remember(checkpoint);
        return new HeadCheckpointOutcome(checkpoint, true, null);
    }

    /// <summary>
    /// Drops the day partitions that lie wholly before <paramref name="cutoff"/>: records of the cutoff's own day stay
    /// until their whole day is past it (at most one day longer), so a purge never deletes rows one by one. Records
    /// whose sequence is covered by the new purge checkpoint but that sit in a later partition (a silo's clock behind
    /// another's around midnight) are deleted with them, so the chain left starts right after the checkpoint.
    /// Returns how many records the checkpoint moved past.
    /// </summary>
    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff)
    {
        try
        {
            return await PurgeDaysAsync(cutoff).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new TimeoutException(
                $"The audit purge did not get the audit table within {PostgresAuditPartitions.LockTimeout} (a verification or long read holds it); nothing was purged, retry later.", e);
        }
    }

    private async Task<int> PurgeDaysAsync(DateTimeOffset cutoff)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await PostgresAuditPartitions.SetLockTimeoutAsync(connection, transaction).ConfigureAwait(false);
        await ReadChainHeadAsync(connection, transaction, lockIt: true).ConfigureAwait(false);
        var due = (await PostgresAuditPartitions.ListAsync(connection, transaction).ConfigureAwait(false))
            .Where(p => PostgresAuditPartitions.StartOf(p.Day.AddDays(1)) <= cutoff)
            .Select(p => PostgresAuditPartitions.Quote(p.Name))
            .ToList();
        if (due.Count == 0)
        {
            return 0;
        }
        var previous = await ReadPurgeCheckpointAsync(connection, transaction).ConfigureAwait(false);
        var newest = await ReadScalarAsync(connection, transaction,
            $"SELECT max(seq) FROM ({string.Join(" UNION ALL ", due.Select(name => $"(SELECT max(seq) AS seq FROM {name})"))}) newest") as long?;
        var purged = 0L;
        if (newest is { } last && last > (previous?.Sequence ?? 0))
        {
            var hash = await ReadHashAsync(connection, transaction, last).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Audit record {last} vanished during the purge.");
            var checkpoint = _signer.SignPurge(last, hash, now);
            await ExecuteAsync(connection, transaction, $"""
                INSERT INTO securecall_audit_purge_checkpoint (id, {CheckpointColumns}) VALUES (1, $1, $2, $3, $4, $5)
                ON CONFLICT (id) DO UPDATE SET seq = $1, hash = $2, created_at = $3, key_id = $4, signature = $5
                """, checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAt, checkpoint.KeyId, checkpoint.Signature).ConfigureAwait(false);
            purged = last - (previous?.Sequence ?? 0);
        }
        foreach (var name in due)
        {
            await ExecuteAsync(connection, transaction, $"DROP TABLE {name}").ConfigureAwait(false);
        }
        if (newest is { } covered)
        {
            await ExecuteAsync(connection, transaction, "DELETE FROM securecall_audit_record WHERE seq <= $1", covered).ConfigureAwait(false);
            // Head checkpoints the purge checkpoint now covers, except the newest, which tells a later cut apart.
            await ExecuteAsync(connection, transaction, """
                DELETE FROM securecall_audit_head_checkpoint
                WHERE seq <= $1 AND seq < (SELECT max(seq) FROM securecall_audit_head_checkpoint)
                """, covered).ConfigureAwait(false);
        }
        await transaction.CommitAsync().ConfigureAwait(false);
        return (int)Math.Min(purged, int.MaxValue);
    }

    private AuditCheckpoint? NewestSeen
    {
        get
        {
            lock (_seenLock)
            {
                return _newestSeen;
            }
        }
    }

    private void Remember(AuditCheckpoint? checkpoint)
    {
        lock (_seenLock)
        {
            if (checkpoint is not null && (_newestSeen is null || checkpoint.Sequence > _newestSeen.Sequence))
            {
                _newestSeen = checkpoint;
            }
        }
    }

    private static async Task<(long Sequence, byte[] Hash)> ReadChainHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool lockIt)
    {
        await using var command = new NpgsqlCommand(
            "SELECT seq, hash FROM securecall_audit_chain_head WHERE id = 1" + (lockIt ? " FOR UPDATE" : ""), connection, transaction);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false)
            ? (reader.GetInt64(0), (byte[])reader[1])
            : throw new InvalidOperationException("The audit chain head row is missing: run the schema migration (SecureCall.Silo migrate).");
    }

    private static async Task<(long? Sequence, byte[]? Hash)> ReadNewestRecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand("SELECT seq, hash FROM securecall_audit_record ORDER BY seq DESC LIMIT 1", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false) ? (reader.GetInt64(0), (byte[])reader[1]) : (null, null);
    }

    private static async Task<byte[]?> ReadHashAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long sequence) =>
        await ReadScalarAsync(connection, transaction, "SELECT hash FROM securecall_audit_record WHERE seq = $1", sequence).ConfigureAwait(false) as byte[];

    private static async Task<AuditCheckpoint?> ReadPurgeCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        (await ReadCheckpointsAsync(connection, transaction,
            "SELECT " + CheckpointColumns + " FROM securecall_audit_purge_checkpoint WHERE id = $1", 1).ConfigureAwait(false)).SingleOrDefault();

    private static async Task<List<AuditCheckpoint>> ReadCheckpointsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, long argument)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new() { Value = argument });
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var checkpoints = new List<AuditCheckpoint>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            checkpoints.Add(new AuditCheckpoint(
                reader.GetInt64(0), (byte[])reader[1], reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3), (byte[])reader[4]));
        }
        return checkpoints;
    }

    private static async Task<List<AuditRecord>> ReadPageAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long afterSequence, int maxCount)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM securecall_audit_record WHERE seq > $1 ORDER BY seq LIMIT $2", connection, transaction);
        command.Parameters.Add(new() { Value = afterSequence });
        command.Parameters.Add(new() { Value = maxCount });
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            records.Add(new AuditRecord(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), (byte[])reader[6], (byte[])reader[7]));
        }
        return records;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task<object?> ReadScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        var result = await command.ExecuteScalarAsync().ConfigureAwait(false);
        return result is DBNull ? null : result;
    }
}
