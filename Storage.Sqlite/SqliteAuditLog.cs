using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Security;
using SecureCall.Security.Audit;
using SecureCall.Security.Tokens;

namespace SecureCall.Storage.Sqlite;

/// <summary>
/// The audit log in the embedded database. Appends go through the single writer and read the chain head inside
/// the same transaction, so the chain stays linear even with several writers on one file.
/// </summary>
public sealed class SqliteAuditLog(SqliteDatabase database, SigningKeyRing keys, SecurityClock time) : IAuditLog
{
    private const int MaxSubjectLength = 128;
    private const int MaxSourceLength = 128;
    private const int MaxDetailLength = 1024;
    private const int VerifyPageSize = 1000;
    private const string ChainHeadKey = "audit.head";
    private const int PurgeSliceSize = 2_000;

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

    public Task<AuditVerification> VerifyAsync() => database.ReadAsync(session =>
    {
        // One read transaction: the chain is checked against a single consistent snapshot.
        using var transaction = session.Begin(deferred: true);
        var checkpoint = ReadCheckpoint(session);
        var previousHash = AuditChain.Genesis;
        var expected = 1L;
        if (checkpoint is not null)
        {
            if (!IsAuthentic(checkpoint))
            {
                return new AuditVerification(false, 0, checkpoint.Sequence, "The purge checkpoint's signature is invalid.");
            }
            previousHash = checkpoint.Hash;
            expected = checkpoint.Sequence + 1;
        }

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
                    return new AuditVerification(false, checkedCount, expected, $"Record {expected} is missing.");
                }
                if (!CryptographicOperations.FixedTimeEquals(record.PreviousHash, previousHash))
                {
                    return new AuditVerification(false, checkedCount, record.Sequence, $"Record {record.Sequence} does not link to its predecessor.");
                }
                if (!CryptographicOperations.FixedTimeEquals(AuditChain.Hash(record), record.Hash))
                {
                    return new AuditVerification(false, checkedCount, record.Sequence, $"Record {record.Sequence} was altered.");
                }
                previousHash = record.Hash;
                expected++;
                checkedCount++;
            }
        }
        return new AuditVerification(true, checkedCount, null, "Intact.");
    });

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

        var signature = keys.Active.Rsa.SignData(
            AuditCheckpoint.SignedBytes(lastSequence, lastHash, now), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var checkpoint = session.Command("""
            INSERT INTO audit_checkpoint (id, seq, hash, created_at, key_id, signature) VALUES (1, $q, $h, $c, $k, $s)
            ON CONFLICT (id) DO UPDATE SET seq=$q, hash=$h, created_at=$c, key_id=$k, signature=$s
            """);
        checkpoint.Parameters.AddWithValue("$q", lastSequence);
        checkpoint.Parameters.AddWithValue("$h", lastHash);
        checkpoint.Parameters.AddWithValue("$c", now.ToUnixTimeMilliseconds());
        checkpoint.Parameters.AddWithValue("$k", keys.Active.KeyId);
        checkpoint.Parameters.AddWithValue("$s", signature);
        checkpoint.ExecuteNonQuery();

        var delete = session.Command("DELETE FROM audit_record WHERE seq <= $q");
        delete.Parameters.AddWithValue("$q", lastSequence);
        return delete.ExecuteNonQuery();
    }

    private bool IsAuthentic(AuditCheckpoint checkpoint) =>
        keys.TryGet(checkpoint.KeyId, out var key)
        && key.Rsa.VerifyData(
            AuditCheckpoint.SignedBytes(checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAt),
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
        return ReadCheckpoint(session) is { } checkpoint ? (checkpoint.Sequence, checkpoint.Hash) : (0, AuditChain.Genesis);
    }

    private static AuditCheckpoint? ReadCheckpoint(SqlSession session)
    {
        var command = session.Command("SELECT seq, hash, created_at, key_id, signature FROM audit_checkpoint WHERE id = 1");
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
