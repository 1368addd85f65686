using System.Collections.Concurrent;
using System.Threading.Channels;
using Npgsql;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Security;
using SecureCall.Security.Audit;

namespace SecureCall.Storage.Postgres;

/// <summary>
/// Appends to the shared chain by group commit: appends are linked into the chain by one writer per silo, which takes
/// every append waiting when it starts a transaction and commits them together. Each transaction locks the one-row
/// chain head FOR UPDATE, extends the chain from it and moves it, so appends from any number of silos form one linear
/// chain; one lock and one commit per batch instead of per append is what lets the log keep up with logins (82/s with
/// one transaction per append on 2 cores). Each append stays all-or-nothing: if a batch fails, its appends are
/// retried one by one, so one refused append does not fail the others.
/// </summary>
internal sealed class PostgresAuditWriter(NpgsqlDataSource dataSource, SecurityClock time)
{
    private readonly ConcurrentDictionary<DateOnly, bool> _knownDays = new();
    private readonly Channel<PendingAppend> _pending = Channel.CreateUnbounded<PendingAppend>(new() { SingleReader = true });
    private readonly AuditAppendSignal _appended = new();
    private Task? _loop;

    public Task AppendAllAsync(IReadOnlyList<AuditEvent> auditEvents)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(auditEvents.Count, PostgresAuditLog.MaxEventsPerAppend, nameof(auditEvents));
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
        EnsureLoopStarted();
        _appended.After(append.Done.Task);
        return append.Done.Task;
    }

    public Task NextAppendAsync() => _appended.NextAsync();

    public async Task StopAsync()
    {
        _pending.Writer.TryComplete();
        // Started here too: an append may have queued itself and not yet started the loop. On a closed channel the
        // loop writes (or fails) what is queued, then ends.
        EnsureLoopStarted();
        await _loop!.ConfigureAwait(false);
    }

    private void EnsureLoopStarted()
    {
        if (_loop is null)
        {
            lock (_pending)
            {
                _loop ??= Task.Run(WriteLoopAsync);
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _pending.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var batch = new List<PendingAppend>();
            var count = 0;
            while (count < PostgresAuditLog.MaxEventsPerAppend && reader.TryRead(out var append))
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

    private async Task InsertAsync(AuditEntry[] entries)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var (sequence, previous) = await PostgresAuditSql.ReadChainHeadAsync(connection, transaction, lockIt: true).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var entry in entries)
        {
            sequence++;
            var hash = entry.Hash(sequence, previous);
            batch.BatchCommands.Add(PostgresAuditSql.BatchCommand(
                $"INSERT INTO securecall_audit_record ({PostgresAuditSql.Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                sequence, DateTimeOffset.FromUnixTimeMilliseconds(entry.TimestampMs), entry.Type, entry.Subject, entry.Source, entry.Detail, previous, hash));
            previous = hash;
        }
        batch.BatchCommands.Add(PostgresAuditSql.BatchCommand("UPDATE securecall_audit_chain_head SET seq = $1, hash = $2 WHERE id = 1", sequence, previous));
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
    }

    private sealed record PendingAppend(AuditEntry[] Entries, DateOnly Day)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
