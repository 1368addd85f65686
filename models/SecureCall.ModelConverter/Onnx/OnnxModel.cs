namespace SecureCall.ModelConverter.Onnx;

/// <summary>An ONNX model with one graph, serialised as ModelProto.</summary>
public sealed class OnnxModel
{
    /// <summary>Opset 13: Pad/Reshape take int64 inputs, ReduceMean still takes axes as an attribute.</summary>
    public const long OpsetVersion = 13;

    /// <summary>IR version 7 matches opset 13 and lets initializers be absent from graph inputs.</summary>
    public const long IrVersion = 7;

    public const string ProducerName = "SecureCall.ModelConverter";

    public required string GraphName { get; init; }

    public List<OnnxNode> Nodes { get; } = [];

    public List<OnnxTensor> Initializers { get; } = [];

    public List<OnnxValueInfo> Inputs { get; } = [];

    public List<OnnxValueInfo> Outputs { get; } = [];

    public byte[] Serialize()
    {
        var graph = new ProtoWriter();
        foreach (var node in Nodes)
        {
            graph.WriteMessage(1, node.ToProto());
        }

        graph.WriteString(2, GraphName);
        foreach (var initializer in Initializers)
        {
            graph.WriteMessage(5, initializer.ToProto());
        }

        foreach (var input in Inputs)
        {
            graph.WriteMessage(11, input.ToProto());
        }

        foreach (var output in Outputs)
        {
            graph.WriteMessage(12, output.ToProto());
        }

        var opset = new ProtoWriter();
        opset.WriteString(1, string.Empty);
        opset.WriteVarint(2, OpsetVersion);

        var model = new ProtoWriter();
        model.WriteVarint(1, IrVersion);
        model.WriteString(2, ProducerName);
        model.WriteMessage(7, graph);
        model.WriteMessage(8, opset);
        return model.ToArray();
    }
}
