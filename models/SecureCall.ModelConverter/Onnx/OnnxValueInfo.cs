namespace SecureCall.ModelConverter.Onnx;

/// <summary>A graph input or output: name, element type and shape (-1 = symbolic batch dimension).</summary>
public sealed record OnnxValueInfo(string Name, OnnxDataType DataType, long[] Shape)
{
    public const string BatchDimension = "N";

    public ProtoWriter ToProto()
    {
        var shape = new ProtoWriter();
        foreach (var dim in Shape)
        {
            var dimension = new ProtoWriter();
            if (dim < 0)
            {
                dimension.WriteString(2, BatchDimension);
            }
            else
            {
                dimension.WriteVarint(1, dim);
            }

            shape.WriteMessage(1, dimension);
        }

        var tensorType = new ProtoWriter();
        tensorType.WriteVarint(1, (int)DataType);
        tensorType.WriteMessage(2, shape);
        var type = new ProtoWriter();
        type.WriteMessage(1, tensorType);

        var writer = new ProtoWriter();
        writer.WriteString(1, Name);
        writer.WriteMessage(2, type);
        return writer;
    }
}
