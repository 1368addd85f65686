namespace SecureCall.ModelConverter.Onnx;

/// <summary>One ONNX operator in the default domain.</summary>
public sealed record OnnxNode(string OpType, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyList<OnnxAttribute> Attributes)
{
    public ProtoWriter ToProto()
    {
        var writer = new ProtoWriter();
        foreach (var input in Inputs)
        {
            writer.WriteString(1, input);
        }

        foreach (var output in Outputs)
        {
            writer.WriteString(2, output);
        }

        writer.WriteString(3, Name);
        writer.WriteString(4, OpType);
        foreach (var attribute in Attributes)
        {
            writer.WriteMessage(5, attribute.ToProto());
        }

        return writer;
    }
}
