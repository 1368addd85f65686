using System.Buffers.Binary;
using System.Text;

namespace SecureCall.Security.Audit;

/// <summary>
/// Written when old records are purged: the sequence and hash of the last purged record, signed with a token
/// signing key, so the first remaining record still links to something an attacker could not have forged.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, byte[] Hash, DateTimeOffset CreatedAt, string KeyId, byte[] Signature)
{
    public const string Header = "securecall/audit-checkpoint/v1";

    public static byte[] SignedBytes(long sequence, ReadOnlySpan<byte> hash, DateTimeOffset createdAt)
    {
        var header = Encoding.UTF8.GetBytes(Header);
        var bytes = new byte[header.Length + 16 + hash.Length];
        header.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(header.Length), sequence);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(header.Length + 8), createdAt.ToUnixTimeMilliseconds());
        hash.CopyTo(bytes.AsSpan(header.Length + 16));
        return bytes;
    }
}
