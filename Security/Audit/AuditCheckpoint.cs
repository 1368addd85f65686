using System.Buffers.Binary;
using System.Text;

namespace SecureCall.Security.Audit;

/// <summary>
/// A signed statement "record <see cref="Sequence"/> of the chain has hash <see cref="Hash"/>", signed with a token
/// signing key (<see cref="KeyId"/>), so someone who can edit the database but lacks the key cannot forge one. Two
/// kinds, told apart by the signed header: the <b>purge</b> checkpoint names the last purged record, so the first
/// remaining record still links to something signed; the <b>head</b> checkpoint names the newest record at the time
/// it was written (periodically and at shutdown), so cutting records off the end of the chain is noticed.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, byte[] Hash, DateTimeOffset CreatedAt, string KeyId, byte[] Signature)
{
    /// <summary>Signed header of a purge checkpoint.</summary>
    public const string Header = "securecall/audit-checkpoint/v1";

    /// <summary>Signed header of a head checkpoint; different from the purge header, so neither passes for the other.</summary>
    public const string HeadHeader = "securecall/audit-head/v1";

    /// <summary>The bytes a purge checkpoint's signature covers.</summary>
    public static byte[] SignedBytes(long sequence, ReadOnlySpan<byte> hash, DateTimeOffset createdAt) =>
        Encode(Header, sequence, hash, createdAt);

    /// <summary>The bytes a head checkpoint's signature covers.</summary>
    public static byte[] HeadSignedBytes(long sequence, ReadOnlySpan<byte> hash, DateTimeOffset createdAt) =>
        Encode(HeadHeader, sequence, hash, createdAt);

    private static byte[] Encode(string headerText, long sequence, ReadOnlySpan<byte> hash, DateTimeOffset createdAt)
    {
        var header = Encoding.UTF8.GetBytes(headerText);
        var bytes = new byte[header.Length + 16 + hash.Length];
        header.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(header.Length), sequence);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(header.Length + 8), createdAt.ToUnixTimeMilliseconds());
        hash.CopyTo(bytes.AsSpan(header.Length + 16));
        return bytes;
    }
}
