using SecureCall.ModelConverter.Onnx;

namespace SecureCall.Models.Tests.Conversion;

public sealed class ProtoWriterTests
{
    [Fact]
    public void Varint_UsesSevenBitGroupsLeastSignificantFirst()
    {
        var writer = new ProtoWriter();
        writer.WriteVarint(1, 300);

        Assert.Equal(new byte[] { 0x08, 0xAC, 0x02 }, writer.ToArray());
    }

    [Fact]
    public void NegativeVarint_IsTenBytesTwosComplement()
    {
        var writer = new ProtoWriter();
        writer.WriteVarint(1, -1);

        Assert.Equal(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, writer.ToArray());
    }

    [Fact]
    public void NestedMessage_IsLengthPrefixed()
    {
        var inner = new ProtoWriter();
        inner.WriteString(2, "ab");
        var outer = new ProtoWriter();
        outer.WriteMessage(7, inner);

        Assert.Equal(new byte[] { 0x3A, 0x04, 0x12, 0x02, (byte)'a', (byte)'b' }, outer.ToArray());
    }
}
