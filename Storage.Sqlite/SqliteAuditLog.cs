using System.Buffers.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Security;
using SecureCall.Security.Audit;
using SecureCall.Security.Tokens;

namespace SecureCall.Storage.Sqlite;

/// <summary>
/// The audit log in the embedded database. Appends go through the single writer and read the chain head inside
/// the same transaction, so the chain stays linear even with several writers on one file. Signed checkpoints anchor
/// both ends of the chain: <c>audit_checkpoint</c> the purge checkpoint, <c>audit_head</c> and the owner-only file
/// <c>{database}.audit-head</c> the newest head checkpoint.
/// </summary>
public sealed class SqliteAuditLog(SqliteDatabase database, SigningKeyRing keys, SecurityClock time) : IAuditLog
{
    public string Location => $"SQLite database {database.Path}";

    private const int VerifyPageSize = 1000;
    private const string ChainHeadKey = "audit.head";
    private const int PurgeSliceSize = 2_000;
    private const string PurgeCheckpointTable = "audit_checkpoint";
    private const string HeadCheckpointTable = "audit_head";
    private const string HeadFileSuffix = ".audit-head";
    private readonly SemaphoreSlim _headLock = new(1, 1);
    private readonly AuditCheckpointSigner _signer = new(keys);
    private readonly Lock _appending = new();
    private readonly AuditAppendSignal _appended = new();
    private bool _stopped;

    public Task AppendAsync(AuditEvent auditEvent)
    {
        var row = AuditEntry.Of(auditEvent, time.GetUtcNow());
        return Queue(session => Insert(session, row));
    }

    public Task AppendAllAsync(IReadOnlyList<AuditEvent> auditEvents)
    {
        var now = time.GetUtcNow();
        var rows = auditEvents.Select(auditEvent => AuditEntry.Of(auditEvent, now)).ToArray();
        // One write: the writer commits (or rolls back) all of them together, as consecutive links of the chain.
        return Queue(session =>
        {
            foreach (var row in rows)
            {
                Insert(session, row);
            }
            return rows.Length;
        });
    }

    public Task StopAppendingAsync()
    {
        lock (_appending)
        {
            _stopped = true;
        }
        // The writer commits in queue order: once this empty write is done, every append queued before it is too.
        return database.WriteAsync(_ => 0);
    }

    /// <summary>Queues an append for the writer, unless appending stopped (checked under the same lock that stops it).</summary>
    private Task Queue<T>(Func<SqlSession, T> append)
    {
        lock (_appending)
        {
            if (_stopped)
            {
                throw new InvalidOperationException("The audit log is shut down.");
            }
            var written = database.WriteAsync(append);
            _appended.After(written);
            return written;
        }
    }

    public Task NextAppendAsync() => _appended.NextAsync();

    private static long Insert(SqlSession session, AuditEntry row)
    {
        // Appends in one transaction follow each other: the head the last one wrote is the head this one extends.
        var (lastSequence, lastHash) = session.TransactionState.TryGetValue(ChainHeadKey, out var head)
            ? ((long Sequence, byte[] Hash))head
            : ReadHead(session);
        var sequence = lastSequence + 1;
        var hash = row.Hash(sequence, lastHash);
        var command = session.Command("""
            INSERT INTO audit_record (seq, ts, event_type, subject, source, detail, prev_hash, hash)
            VALUES ($q, $t, $y, $s, $o, $d, $p, $h)
            """);
        command.Parameters.AddWithValue("$q", sequence);
        command.Parameters.AddWithValue("$t", row.TimestampMs);
        command.Parameters.AddWithValue("$y", row.Type);
        command.Parameters.AddWithValue("$s", row.Subject);
        command.Parameters.AddWithValue("$o", row.Source);
        command.Parameters.AddWithValue("$d", row.Detail);
        command.Parameters.AddWithValue("$p", lastHash);
        command.Parameters.AddWithValue("$h", hash);
        command.ExecuteNonQuery();
        session.TransactionState[ChainHeadKey] = (sequence, hash);
        return sequence;
    }

    public Task<IReadOnlyList<AuditRecord>> ReadAsync(long afterSequence, int maxCount) =>
        database.ReadAsync<IReadOnlyList<AuditRecord>>(session => ReadPage(session, afterSequence, Math.Clamp(maxCount, 1, 10_000)));

    public async Task<AuditVerification> VerifyAsync()
    {
        // The file copy of the head checkpoint is read first: a checkpoint written after this read only vouches for
        // records the snapshot below already holds or will not be asked about.
        var fileHead = ReadHeadFile(out var fileError);
        return await database.ReadAsync(session =>
        {
            // One read transaction: the chain is checked against a single consistent snapshot.
            using var transaction = session.Begin(deferred: true);
            return Verify(session, fileHead, fileError);
        }).ConfigureAwait(false);
    }

    private AuditVerification Verify(SqlSession session, AuditCheckpoint? fileHead, string? fileError)
    {
        var verifier = AuditChainVerifier.Start(_signer, ReadCheckpoint(session, PurgeCheckpointTable), [ReadCheckpoint(session, HeadCheckpointTable), fileHead]);
        if (fileError is not null)
        {
            return verifier.Broken(AuditFinding.CheckpointInvalid, null, fileError);
        }
        List<AuditRecord> page;
        do
        {
            page = ReadPage(session, verifier.LastSequence, VerifyPageSize);
        }
        while (page.Count > 0 && page.All(verifier.Accept));
        return verifier.Finish();
    }

    public async Task<HeadCheckpointOutcome> CheckpointHeadAsync()
    {
        // One checkpoint at a time from this process, so the file never goes back to an older one we wrote.
        await _headLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var fileHead = ReadHeadFile(out var fileError);
            var outcome = await database.WriteAsync(session => CheckpointHead(session, fileHead, fileError, time.GetUtcNow())).ConfigureAwait(false);
            if (outcome.Checkpoint is { } stored && (fileHead is null || fileHead.Sequence < stored.Sequence) && fileError is null)
            {
                WriteHeadFile(stored);
            }
            return outcome;
        }
        finally
        {
            _headLock.Release();
        }
    }

    private HeadCheckpointOutcome CheckpointHead(SqlSession session, AuditCheckpoint? fileHead, string? fileError, DateTimeOffset now)
    {
        var (headSequence, headHash) = session.TransactionState.TryGetValue(ChainHeadKey, out var cached)
            ? ((long Sequence, byte[] Hash))cached
            : ReadHead(session);
        var databaseHead = ReadCheckpoint(session, HeadCheckpointTable);
        var stored = new[] { databaseHead, fileHead }.Where(c => c is not null).MaxBy(c => c!.Sequence);
        if (fileError is not null)
        {
            return new HeadCheckpointOutcome(databaseHead, false, fileError);
        }
        var purgedUpTo = ReadCheckpoint(session, PurgeCheckpointTable)?.Sequence ?? 0;
        foreach (var existing in (ReadOnlySpan<AuditCheckpoint?>)[databaseHead, fileHead])
        {
            if (existing is null)
            {
                continue;
            }
            var find = session.Command("SELECT hash FROM audit_record WHERE seq = $q");
            find.Parameters.AddWithValue("$q", existing.Sequence);
            if (_signer.HeadContradiction(existing, purgedUpTo, headSequence, find.ExecuteScalar() as byte[]) is { } contradiction)
            {
                return new HeadCheckpointOutcome(stored, false, contradiction);
            }
        }
        if (headSequence == 0 || headSequence <= purgedUpTo || (stored is not null && stored.Sequence >= headSequence))
        {
            // Nothing new since the last checkpoint (or nothing at all): no signature, no write.
            return new HeadCheckpointOutcome(stored, false, null);
        }
        var checkpoint = _signer.SignHead(headSequence, headHash, now);
        WriteCheckpoint(session, HeadCheckpointTable, checkpoint);
        return new HeadCheckpointOutcome(checkpoint, true, null);
    }

    /// <summary>
    /// The copy of the newest head checkpoint kept beside the database (owner-only), so deleting it needs access to
    /// the file system as well as to the database; <c>verify-audit</c> reads both.
    /// </summary>
    public string HeadCheckpointPath => database.Path + HeadFileSuffix;

    private AuditCheckpoint? ReadHeadFile(out string? error)
    {
        error = null;
        byte[] content;
        try
        {
            content = File.ReadAllBytes(HeadCheckpointPath);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(content);
            var root = json.RootElement;
            return new AuditCheckpoint(
                root.GetProperty("seq").GetInt64(),
                Base64Url.DecodeFromChars(root.GetProperty("hash").GetString()),
                DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("createdAt").GetInt64()),
                root.GetProperty("keyId").GetString() ?? "",
                Base64Url.DecodeFromChars(root.GetProperty("signature").GetString()));
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            error = $"The head checkpoint file {HeadCheckpointPath} is unreadable.";
            return null;
        }
    }

    private void WriteHeadFile(AuditCheckpoint checkpoint)
    {
        // Written to a private temporary file, flushed, then renamed over the old one: a crash leaves the old or the
        // new checkpoint, never half of one.
        var temporary = $"{HeadCheckpointPath}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFiles.FileMode;
        }
        using (var stream = new FileStream(temporary, options))
        {
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteNumber("seq", checkpoint.Sequence);
                writer.WriteString("hash", Base64Url.EncodeToString(checkpoint.Hash));
                writer.WriteNumber("createdAt", checkpoint.CreatedAt.ToUnixTimeMilliseconds());
                writer.WriteString("keyId", checkpoint.KeyId);
                writer.WriteString("signature", Base64Url.EncodeToString(checkpoint.Signature));
                writer.WriteEndObject();
            }
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, HeadCheckpointPath, overwrite: true);
    }

    public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff)
    {
        // Each slice carries its own signed checkpoint, so the chain verifies after every one of them.
        var cutoffMs = cutoff.ToUnixTimeMilliseconds();
        return database.WriteInSlicesAsync(session => PurgeSlice(session, cutoffMs, time.GetUtcNow()), PurgeSliceSize);
    }

    private int PurgeSlice(SqlSession session, long cutoffMs, DateTimeOffset now)
    {
        // The newest record older than the cutoff, but no more than one slice past the oldest record.
        var find = session.Command("""
            SELECT seq, hash FROM audit_record
            WHERE ts < $t AND seq < (SELECT MIN(seq) FROM audit_record) + $n
            ORDER BY seq DESC LIMIT 1
            """);
        find.Parameters.AddWithValue("$t", cutoffMs);
        find.Parameters.AddWithValue("$n", PurgeSliceSize);
        using var reader = find.ExecuteReader();
        if (!reader.Read())
        {
            return 0;
        }
        var lastSequence = reader.GetInt64(0);
        var lastHash = (byte[])reader[1];
        reader.Close();

        WriteCheckpoint(session, PurgeCheckpointTable, _signer.SignPurge(lastSequence, lastHash, now));

        var delete = session.Command("DELETE FROM audit_record WHERE seq <= $q");
        delete.Parameters.AddWithValue("$q", lastSequence);
        return delete.ExecuteNonQuery();
    }

    private static void WriteCheckpoint(SqlSession session, string table, AuditCheckpoint checkpoint)
    {
        var command = session.Command($"""
            INSERT INTO {table} (id, seq, hash, created_at, key_id, signature) VALUES (1, $q, $h, $c, $k, $s)
            ON CONFLICT (id) DO UPDATE SET seq=$q, hash=$h, created_at=$c, key_id=$k, signature=$s
            """);
        command.Parameters.AddWithValue("$q", checkpoint.Sequence);
        command.Parameters.AddWithValue("$h", checkpoint.Hash);
        command.Parameters.AddWithValue("$c", checkpoint.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$k", checkpoint.KeyId);
        command.Parameters.AddWithValue("$s", checkpoint.Signature);
        command.ExecuteNonQuery();
    }

    private static (long Sequence, byte[] Hash) ReadHead(SqlSession session)
    {
        var command = session.Command("SELECT seq, hash FROM audit_record ORDER BY seq DESC LIMIT 1");
        using var reader = command.ExecuteReader();
        if (reader.Read())
        {
            return (reader.GetInt64(0), (byte[])reader[1]);
        }
        reader.Close();
        return ReadCheckpoint(session, PurgeCheckpointTable) is { } checkpoint ? (checkpoint.Sequence, checkpoint.Hash) : (0, AuditChain.Genesis);
    }

    private static AuditCheckpoint? ReadCheckpoint(SqlSession session, string table)
    {
        var command = session.Command($"SELECT seq, hash, created_at, key_id, signature FROM {table} WHERE id = 1");
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new AuditCheckpoint(reader.GetInt64(0), (byte[])reader[1], DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetString(3), (byte[])reader[4])
            : null;
    }

    private static List<AuditRecord> ReadPage(SqlSession session, long afterSequence, int maxCount)
    {
        var command = session.Command("""
            SELECT seq, ts, event_type, subject, source, detail, prev_hash, hash FROM audit_record
            WHERE seq > $a ORDER BY seq LIMIT $m
            """);
        command.Parameters.AddWithValue("$a", afterSequence);
        command.Parameters.AddWithValue("$m", maxCount);
        using var reader = command.ExecuteReader();
        var records = new List<AuditRecord>();
        while (reader.Read())
        {
            records.Add(new AuditRecord(
                reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), (byte[])reader[6], (byte[])reader[7]));
        }
        return records;
    }
}
