using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SecureCall.E2E.Turn;

/// <summary>
/// A STUN message (RFC 5389 / 8489) as TURN (RFC 5766 / 8656) uses it: a 20-byte header, then type-length-value
/// attributes padded to 4 bytes, optionally closed by MESSAGE-INTEGRITY (HMAC-SHA1) and FINGERPRINT (CRC-32). Enough
/// to speak to coturn from a test; checked against RFC 5769's sample messages.
/// </summary>
public sealed class StunMessage
{
    public const uint MagicCookie = 0x2112A442;
    public const ushort Binding = 0x0001, Allocate = 0x0003, CreatePermission = 0x0008;
    public const ushort SuccessClass = 0x0100, ErrorClass = 0x0110;
    public const ushort Username = 0x0006, MessageIntegrity = 0x0008, ErrorCode = 0x0009, Realm = 0x0014, Nonce = 0x0015,
        XorPeerAddress = 0x0012, XorRelayedAddress = 0x0016, RequestedTransport = 0x0019, Fingerprint = 0x8028;
    private const uint FingerprintXor = 0x5354554e;
    private const int HeaderLength = 20;

    private StunMessage(ushort type, byte[] transactionId, IReadOnlyList<(ushort Type, byte[] Value, int Offset)> attributes, byte[] bytes)
    {
        Type = type;
        TransactionId = transactionId;
        Attributes = attributes;
        Bytes = bytes;
    }

    /// <summary>Method and class bits, e.g. <c>Allocate | ErrorClass</c>.</summary>
    public ushort Type { get; }

    public byte[] TransactionId { get; }

    /// <summary>Attributes in order, each with the offset of its header in <see cref="Bytes"/>.</summary>
    public IReadOnlyList<(ushort Type, byte[] Value, int Offset)> Attributes { get; }

    public byte[] Bytes { get; }

    public byte[]? Attribute(ushort type) => Attributes.FirstOrDefault(a => a.Type == type).Value;

    /// <summary>The ERROR-CODE's number (class × 100 + number), or null when there is none.</summary>
    public int? Error => Attribute(ErrorCode) is { Length: >= 4 } e ? (e[2] & 0x7) * 100 + e[3] : null;

    /// <summary>Encodes a message; with <paramref name="integrityKey"/> it ends in MESSAGE-INTEGRITY, then FINGERPRINT.</summary>
    public static byte[] Encode(ushort type, byte[] transactionId, IEnumerable<(ushort Type, byte[] Value)> attributes, byte[]? integrityKey, bool fingerprint)
    {
        using var body = new MemoryStream();
        Span<byte> header = stackalloc byte[4];
        foreach (var (attributeType, value) in attributes)
        {
            BinaryPrimitives.WriteUInt16BigEndian(header, attributeType);
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], checked((ushort)value.Length));
            body.Write(header);
            body.Write(value);
            body.Write(new byte[(4 - value.Length % 4) % 4]);
        }
        var message = new byte[HeaderLength + body.Length + (integrityKey is null ? 0 : 24) + (fingerprint ? 8 : 0)];
        BinaryPrimitives.WriteUInt16BigEndian(message, type);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), MagicCookie);
        transactionId.CopyTo(message, 8);
        body.ToArray().CopyTo(message, HeaderLength);
        var offset = HeaderLength + (int)body.Length;
        if (integrityKey is not null)
        {
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(offset), MessageIntegrity);
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(offset + 2), 20);
            ComputeIntegrity(message, offset, integrityKey).CopyTo(message, offset + 4);
            offset += 24;
        }
        if (fingerprint)
        {
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(offset), Fingerprint);
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(offset + 2), 4);
            BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(offset + 4), ComputeFingerprint(message, offset));
            offset += 8;
        }
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)(offset - HeaderLength));
        return message;
    }

    public static StunMessage Parse(byte[] bytes)
    {
        if (bytes.Length < HeaderLength || BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)) != MagicCookie
            || BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2)) != bytes.Length - HeaderLength)
        {
            throw new FormatException("Not a STUN message.");
        }
        var attributes = new List<(ushort, byte[], int)>();
        for (var offset = HeaderLength; offset < bytes.Length;)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(offset));
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(offset + 2));
            if (offset + 4 + length > bytes.Length)
            {
                throw new FormatException("A STUN attribute runs past the message.");
            }
            attributes.Add((type, bytes.AsSpan(offset + 4, length).ToArray(), offset));
            offset += 4 + length + (4 - length % 4) % 4;
        }
        return new StunMessage(BinaryPrimitives.ReadUInt16BigEndian(bytes), bytes[8..20], attributes, bytes);
    }

    /// <summary>HMAC-SHA1 over the message up to the MESSAGE-INTEGRITY attribute at <paramref name="offset"/>, with the
    /// header's length counting up to the end of that attribute (RFC 5389 §15.4).</summary>
    public static byte[] ComputeIntegrity(ReadOnlySpan<byte> message, int offset, byte[] key)
    {
        var covered = message[..offset].ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(covered.AsSpan(2), (ushort)(offset - HeaderLength + 24));
        return HMACSHA1.HashData(key, covered);
    }

    /// <summary>CRC-32 of the message up to the FINGERPRINT attribute at <paramref name="offset"/>, XOR 0x5354554e (§15.5).</summary>
    public static uint ComputeFingerprint(ReadOnlySpan<byte> message, int offset)
    {
        var covered = message[..offset].ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(covered.AsSpan(2), (ushort)(offset - HeaderLength + 8));
        return Crc32(covered) ^ FingerprintXor;
    }

    /// <summary>Whether the MESSAGE-INTEGRITY present is the one <paramref name="key"/> gives (compared in constant time).</summary>
    public bool HasIntegrity(byte[] key)
    {
        var attribute = Attributes.FirstOrDefault(a => a.Type == MessageIntegrity);
        return attribute.Value is { Length: 20 } mac && CryptographicOperations.FixedTimeEquals(mac, ComputeIntegrity(Bytes, attribute.Offset, key));
    }

    /// <summary>Whether the FINGERPRINT present matches the message.</summary>
    public bool HasValidFingerprint()
    {
        var attribute = Attributes.FirstOrDefault(a => a.Type == Fingerprint);
        return attribute.Value is { Length: 4 } crc && BinaryPrimitives.ReadUInt32BigEndian(crc) == ComputeFingerprint(Bytes, attribute.Offset);
    }

    /// <summary>The long-term credential key of RFC 5389 §15.4: MD5(username ":" realm ":" password).</summary>
    public static byte[] LongTermKey(string username, string realm, string password) =>
        MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{username}:{realm}:{password}"));

    /// <summary>An XOR-…-ADDRESS value (IPv4) for <paramref name="address"/>.</summary>
    public static byte[] XorAddress(System.Net.IPEndPoint address)
    {
        var value = new byte[8];
        value[1] = 0x01;
        BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(2), (ushort)(address.Port ^ (MagicCookie >> 16)));
        var ip = address.Address.GetAddressBytes();
        for (var i = 0; i < 4; i++)
        {
            value[4 + i] = (byte)(ip[i] ^ (byte)(MagicCookie >> (24 - 8 * i)));
        }
        return value;
    }

    /// <summary>Reads an XOR-…-ADDRESS value (IPv4).</summary>
    public static System.Net.IPEndPoint ReadXorAddress(byte[] value)
    {
        var port = BinaryPrimitives.ReadUInt16BigEndian(value.AsSpan(2)) ^ (int)(MagicCookie >> 16);
        var ip = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            ip[i] = (byte)(value[4 + i] ^ (byte)(MagicCookie >> (24 - 8 * i)));
        }
        return new System.Net.IPEndPoint(new System.Net.IPAddress(ip), port);
    }

    // CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as FINGERPRINT uses it.
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
            }
        }
        return ~crc;
    }
}
