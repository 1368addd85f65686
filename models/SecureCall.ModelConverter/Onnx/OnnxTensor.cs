using System.Runtime.InteropServices;

namespace SecureCall.ModelConverter.Onnx;

/// <summary>An initializer: a named constant tensor stored as little-endian raw data.</summary>
public sealed record OnnxTensor(string Name, OnnxDataType DataType, long[] Dims, byte[] RawData)
{
    public static OnnxTensor FromFloats(string name, long[] dims, float[] values) =>
        new(name, OnnxDataType.Float, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public static OnnxTensor FromInt64(string name, long[] dims, long[] values) =>
        new(name, OnnxDataType.Int64, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public ProtoWriter ToProto()
    {
        var writer = new ProtoWriter();
        writer.WritePackedInt64(1, Dims);
        writer.WriteVarint(2, (int)DataType);
        writer.WriteString(8, Name);
        writer.WriteBytes(9, RawData);
        return writer;
    }
}
