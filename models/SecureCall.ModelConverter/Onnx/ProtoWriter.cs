using System.Buffers.Binary;
using System.Text;

namespace SecureCall.ModelConverter.Onnx;

/// <summary>
/// Minimal protobuf (proto3 wire format) writer. Only the wire types ONNX needs: varint,
/// 32-bit and length-delimited. Nested messages are written to their own writer first
/// so their length prefix is known; field order is the caller's, which keeps output deterministic.
/// </summary>
public sealed class ProtoWriter
{
    private readonly MemoryStream _stream = new();

    public byte[] ToArray() => _stream.ToArray();

    public void WriteVarint(int field, long value)
    {
        WriteTag(field, 0);
        WriteRawVarint((ulong)value);
    }

    public void WriteFloat(int field, float value)
    {
        WriteTag(field, 5);
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(buffer, value);
        _stream.Write(buffer);
    }

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, 2);
        WriteRawVarint((ulong)value.Length);
        _stream.Write(value);
    }

    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    public void WriteMessage(int field, ProtoWriter message) => WriteBytes(field, message.ToArray());

    /// <summary>Packed repeated int64, the proto3 default encoding for repeated scalars.</summary>
    public void WritePackedInt64(int field, IReadOnlyList<long> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var inner = new ProtoWriter();
        foreach (var value in values)
        {
            inner.WriteRawVarint((ulong)value);
        }

        WriteBytes(field, inner.ToArray());
    }

    private void WriteTag(int field, int wireType) => WriteRawVarint((ulong)((field << 3) | wireType));

    private void WriteRawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _stream.WriteByte((byte)value);
    }
}
