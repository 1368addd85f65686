using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SecureCall.Security.Audit;

/// <summary>
/// How records are chained: each hash covers the record's fields, length-prefixed so no two different records
/// encode alike, plus the previous record's hash. Editing, deleting or reordering a record breaks every later link.
/// </summary>
public static class AuditChain
{
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Hash(long sequence, long timestampMs, string type, string subject, string source, string detail, ReadOnlySpan<byte> previous)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, sequence);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt64BigEndian(number, timestampMs);
        hash.AppendData(number);
        foreach (var field in (ReadOnlySpan<string>)[type, subject, source, detail])
        {
            var bytes = Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt64BigEndian(number, bytes.Length);
            hash.AppendData(number);
            hash.AppendData(bytes);
        }
        hash.AppendData(previous);
        return hash.GetHashAndReset();
    }

    public static byte[] Hash(AuditRecord record) => Hash(
        record.Sequence, record.Timestamp.ToUnixTimeMilliseconds(), record.Type, record.Subject, record.Source, record.Detail, record.PreviousHash);
}
