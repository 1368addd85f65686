using System.Buffers.Text;
using System.Security.Cryptography;
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
    private const int MaxSubjectLength = 128;
    private const int MaxSourceLength = 128;
    private const int MaxDetailLength = 1024;
    private const int VerifyPageSize = 1000;
    private const string ChainHeadKey = "audit.head";
    private const int PurgeSliceSize = 2_000;
    private const string PurgeCheckpointTable = "audit_checkpoint";
    private const string HeadCheckpointTable = "audit_head";
    private const string HeadFileSuffix = ".audit-head";
    private readonly SemaphoreSlim _headLock = new(1, 1);

    private delegate byte[] SignedBytesOf(long sequence, ReadOnlySpan<byte> hash, DateTimeOffset createdAt);

    public Task AppendAsync(AuditEvent auditEvent)
    {
        var row = Row.Of(auditEvent, time.GetUtcNow());
        return database.WriteAsync(session => Insert(session, row));
    }

    public Task AppendAllAsync(IReadOnlyList<AuditEvent> auditEvents)
    {
        var now = time.GetUtcNow();
        var rows = auditEvents.Select(auditEvent => Row.Of(auditEvent, now)).ToArray();
        // One write: the writer commits (or rolls back) all of them together, as consecutive links of the chain.
        return database.WriteAsync(session =>
        {
            foreach (var row in rows)
            {
                Insert(session, row);
            }
            return rows.Length;
        });
    }

    private static long Insert(SqlSession session, Row row)
    {
        // Appends in one transaction follow each other: the head the last one wrote is the head this one extends.
        var (lastSequence, lastHash) = session.TransactionState.TryGetValue(ChainHeadKey, out var head)
            ? ((long Sequence, byte[] Hash))head
            : ReadHead(session);
        var sequence = lastSequence + 1;
        var hash = AuditChain.Hash(sequence, row.Timestamp, row.Type, row.Subject, row.Source, row.Detail, lastHash);
        var command = session.Command("""
            INSERT INTO audit_record (seq, ts, event_type, subject, source, detail, prev_hash, hash)
            VALUES ($q, $t, $y, $s, $o, $d, $p, $h)
            """);
        command.Parameters.AddWithValue("$q", sequence);
        command.Parameters.AddWithValue("$t", row.Timestamp);
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
        AuditCheckpoint? newestHead = null;
        var checkpoint = ReadCheckpoint(session, PurgeCheckpointTable);
        var previousHash = AuditChain.Genesis;
        var expected = 1L;
        if (checkpoint is not null)
        {
            if (!IsAuthentic(checkpoint, AuditCheckpoint.SignedBytes))
            {
                return Broken(AuditFinding.CheckpointInvalid, 0, checkpoint.Sequence, "The purge checkpoint's signature is invalid.");
            }
            previousHash = checkpoint.Hash;
            expected = checkpoint.Sequence + 1;
        }
        if (fileError is not null)
        {
            return Broken(AuditFinding.CheckpointInvalid, 0, null, fileError);
        }
        var heads = new List<AuditCheckpoint>(2);
        foreach (var head in (ReadOnlySpan<AuditCheckpoint?>)[ReadCheckpoint(session, HeadCheckpointTable), fileHead])
        {
            if (head is null)
            {
                continue;
            }
            if (!IsAuthentic(head, AuditCheckpoint.HeadSignedBytes))
            {
                return Broken(AuditFinding.CheckpointInvalid, 0, head.Sequence,
                    $"The head checkpoint for record {head.Sequence} is not signed by a known token key.");
            }
            // A head at or before the purge checkpoint names a purged record, which the purge checkpoint vouches for.
            if (head.Sequence >= expected)
            {
                heads.Add(head);
            }
        }
        newestHead = heads.MaxBy(h => h.Sequence);

        long checkedCount = 0;
        while (true)
        {
            var page = ReadPage(session, expected - 1, VerifyPageSize);
            if (page.Count == 0)
            {
                break;
            }
            foreach (var record in page)
            {
                if (record.Sequence != expected)
                {
                    return Broken(AuditFinding.RecordMissing, checkedCount, expected, expected == record.Sequence - 1
                        ? $"Record {expected} is missing (deleted)."
                        : $"Records {expected} to {record.Sequence - 1} are missing (deleted).");
                }
                if (!CryptographicOperations.FixedTimeEquals(record.PreviousHash, previousHash))
                {
                    return Broken(AuditFinding.BrokenLink, checkedCount, record.Sequence, $"Record {record.Sequence} does not link to its predecessor.");
                }
                if (!CryptographicOperations.FixedTimeEquals(AuditChain.Hash(record), record.Hash))
                {
                    return Broken(AuditFinding.RecordAltered, checkedCount, record.Sequence, $"Record {record.Sequence} was altered.");
                }
                foreach (var head in heads)
                {
                    if (head.Sequence == record.Sequence && !CryptographicOperations.FixedTimeEquals(head.Hash, record.Hash))
                    {
                        return Broken(AuditFinding.HeadMismatch, checkedCount, record.Sequence,
                            $"Record {record.Sequence} differs from the signed head checkpoint of {head.CreatedAt:O}: the chain up to it was rewritten.");
                    }
                }
                previousHash = record.Hash;
                expected++;
                checkedCount++;
            }
        }
        var last = expected - 1;
        long? lastSequence = last > 0 ? last : null;
        if (newestHead is not null && newestHead.Sequence > last)
        {
            return Broken(AuditFinding.TailMissing, checkedCount, last + 1,
                $"The log ends at record {last}, but the signed head checkpoint of {newestHead.CreatedAt:O} vouches for records up to {newestHead.Sequence}: records {last + 1} to {newestHead.Sequence} were cut off.",
                newestHead);
        }
        return new AuditVerification(true, AuditFinding.Intact, checkedCount, null, "Intact.", lastSequence, newestHead?.Sequence, newestHead?.CreatedAt);

        AuditVerification Broken(AuditFinding finding, long count, long? sequence, string reason, AuditCheckpoint? head = null)
        {
            head ??= newestHead;
            return new AuditVerification(false, finding, count, sequence, reason, null, head?.Sequence, head?.CreatedAt);
        }
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
            if (!IsAuthentic(existing, AuditCheckpoint.HeadSignedBytes))
            {
                return new HeadCheckpointOutcome(stored, false, $"The stored head checkpoint for record {existing.Sequence} is not signed by a known token key.");
            }
            if (existing.Sequence <= purgedUpTo)
            {
                continue;
            }
            if (existing.Sequence > headSequence)
            {
                return new HeadCheckpointOutcome(stored, false,
                    $"The log ends at record {headSequence}, but the signed head checkpoint of {existing.CreatedAt:O} vouches for records up to {existing.Sequence}.");
            }
            var find = session.Command("SELECT hash FROM audit_record WHERE seq = $q");
            find.Parameters.AddWithValue("$q", existing.Sequence);
            if (find.ExecuteScalar() is not byte[] hash || !CryptographicOperations.FixedTimeEquals(hash, existing.Hash))
            {
                return new HeadCheckpointOutcome(stored, false,
                    $"Record {existing.Sequence} is missing or differs from the signed head checkpoint of {existing.CreatedAt:O}.");
            }
        }
        if (headSequence == 0 || headSequence <= purgedUpTo || (stored is not null && stored.Sequence >= headSequence))
        {
            // Nothing new since the last checkpoint (or nothing at all): no signature, no write.
            return new HeadCheckpointOutcome(stored, false, null);
        }
        var checkpoint = Sign(headSequence, headHash, now, AuditCheckpoint.HeadSignedBytes);
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

        WriteCheckpoint(session, PurgeCheckpointTable, Sign(lastSequence, lastHash, now, AuditCheckpoint.SignedBytes));

        var delete = session.Command("DELETE FROM audit_record WHERE seq <= $q");
        delete.Parameters.AddWithValue("$q", lastSequence);
        return delete.ExecuteNonQuery();
    }

    private AuditCheckpoint Sign(long sequence, byte[] hash, DateTimeOffset now, SignedBytesOf signedBytes)
    {
        var key = keys.Active;
        var signature = key.Rsa.SignData(signedBytes(sequence, hash, now), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        // Stored at millisecond precision, as it was signed.
        return new AuditCheckpoint(sequence, hash, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), key.KeyId, signature);
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

    private bool IsAuthentic(AuditCheckpoint checkpoint, SignedBytesOf signedBytes) =>
        keys.TryGet(checkpoint.KeyId, out var key)
        && key.Rsa.VerifyData(
            signedBytes(checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAt),
            checkpoint.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

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

    private static string Clip(string? value, int max) =>
        string.IsNullOrEmpty(value) ? "" : value.Length <= max ? value : value[..max];

    /// <summary>An event as stored: clipped to the column limits and stamped with the time it was appended.</summary>
    private sealed record Row(string Type, string Subject, string Source, string Detail, long Timestamp)
    {
        public static Row Of(AuditEvent auditEvent, DateTimeOffset now) => new(
            auditEvent.Type.ToString(),
            Clip(auditEvent.Subject, MaxSubjectLength),
            Clip(auditEvent.Source, MaxSourceLength),
            Clip(auditEvent.Detail, MaxDetailLength),
            now.ToUnixTimeMilliseconds());
    }
}
