using SecureCall.ModelConverter.Onnx;
using SecureCall.ModelConverter.Tfjs;

namespace SecureCall.ModelConverter.Conversion;

/// <summary>
/// Converts a TF.js graph model to ONNX. Inputs and outputs keep the TF.js (NHWC) layout; inside,
/// 4-D activations are kept NCHW and transposed only where an op needs the TF.js axis order
/// (Reshape, Softmax, outputs), so the graph has two transposes per boundary, not per op.
/// </summary>
public sealed partial class GraphConverter
{
    private static readonly long[] ToNchwPerm = [0, 3, 1, 2];
    private static readonly long[] ToNhwcPerm = [0, 2, 3, 1];

    private readonly TfjsModel _source;
    private readonly OnnxModel _model;
    private readonly Dictionary<string, ConvertedValue> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _produced = new(StringComparer.Ordinal);
    private readonly HashSet<string> _initializerNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _extraOutputs = new(StringComparer.Ordinal);

    private GraphConverter(TfjsModel source, string graphName)
    {
        _source = source;
        _model = new OnnxModel { GraphName = graphName };
    }

    /// <summary>Converts <paramref name="source"/>; <paramref name="extraOutputs"/> names inner nodes to export too.</summary>
    public static OnnxModel Convert(TfjsModel source, string graphName, IEnumerable<string>? extraOutputs = null)
    {
        var converter = new GraphConverter(source, graphName);
        converter.Run(extraOutputs ?? []);
        return converter._model;
    }

    private void Run(IEnumerable<string> extraOutputs)
    {
        _extraOutputs.UnionWith(extraOutputs);
        foreach (var node in TopologicalSorter.Sort(_source.Nodes))
        {
            if (node.Op == "Const")
            {
                if (!_source.Weights.ContainsKey(node.Name))
                {
                    throw new InvalidDataException($"Const '{node.Name}' is missing from the weights manifest.");
                }

                continue;
            }

            _values[node.Name] = ConvertNode(node);
        }

        foreach (var name in OutputNames(_extraOutputs))
        {
            var value = ToPlain(Value(name));
            if (value.Name != name)
            {
                Emit("Identity", name, [value.Name]);
            }

            _model.Outputs.Add(new OnnxValueInfo(name, OnnxDataType.Float, value.Shape));
        }
    }

    /// <summary>Signature outputs first (they may be inner nodes), then every unconsumed non-constant node, by name.</summary>
    private List<string> OutputNames(IEnumerable<string> extraOutputs)
    {
        var consumed = _source.Nodes.SelectMany(n => n.Inputs).ToHashSet(StringComparer.Ordinal);
        var terminal = _source.Nodes
            .Where(n => n.Op is not ("Const" or "Placeholder") && !consumed.Contains(n.Name))
            .Select(n => n.Name)
            .Order(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var name in _source.SignatureOutputs.Concat(extraOutputs).Concat(terminal))
        {
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private ConvertedValue ConvertNode(TfjsNode node) => node.Op switch
    {
        "Placeholder" => ConvertPlaceholder(node),
        "_FusedConv2D" or "Conv2D" => ConvertConv(node, depthwise: false),
        "DepthwiseConv2dNative" => ConvertConv(node, depthwise: true),
        "MaxPool" => ConvertPool(node, "MaxPool"),
        "AvgPool" => ConvertPool(node, "AveragePool"),
        "Add" or "AddV2" or "BiasAdd" => ConvertBinary(node, "Add"),
        "Sub" => ConvertBinary(node, "Sub"),
        "Mul" => ConvertBinary(node, "Mul"),
        "RealDiv" => ConvertBinary(node, "Div"),
        "Minimum" => ConvertBinary(node, "Min"),
        "Maximum" => ConvertBinary(node, "Max"),
        "Relu" or "Sigmoid" or "Tanh" or "Elu" or "Relu6" or "Identity" => ConvertUnary(node),
        "Prelu" => ConvertPrelu(node),
        "Pad" => ConvertPad(node),
        "Reshape" => ConvertReshape(node),
        "Mean" => ConvertMean(node),
        "Softmax" => ConvertSoftmax(node),
        "_FusedMatMul" or "MatMul" => ConvertMatMul(node),
        "ConcatV2" => ConvertConcat(node),
        _ => throw new NotSupportedException($"Op '{node.Op}' (node '{node.Name}') is not supported by the converter."),
    };

    private ConvertedValue ConvertPlaceholder(TfjsNode node)
    {
        var shape = node.GetShape("shape");
        _model.Inputs.Add(new OnnxValueInfo(node.Name, OnnxDataType.Float, shape));
        _produced.Add(node.Name);
        return new ConvertedValue(node.Name, TensorLayout.Plain, shape);
    }

    private ConvertedValue Value(string tfName) =>
        _values.TryGetValue(tfName, out var value)
            ? value
            : throw new InvalidDataException($"'{tfName}' is not a computed tensor (a constant used as data?).");

    private bool IsConst(string tfName) => _source.Weights.ContainsKey(tfName) && !_values.ContainsKey(tfName);

    private TfjsTensor Const(string tfName) =>
        _source.Weights.TryGetValue(tfName, out var tensor) ? tensor : throw new InvalidDataException($"Constant '{tfName}' not found.");

    private static string ValueName(string tfName, TensorLayout layout) => layout == TensorLayout.Nchw ? tfName + ":nchw" : tfName;

    private string Emit(string opType, string output, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
    {
        if (!_produced.Add(output))
        {
            throw new InvalidOperationException($"ONNX value '{output}' produced twice.");
        }

        _model.Nodes.Add(new OnnxNode(opType, output, inputs, [output], attributes));
        return output;
    }

    private ConvertedValue ToNchw(ConvertedValue value)
    {
        if (value.Layout == TensorLayout.Nchw)
        {
            return value;
        }

        if (value.Rank != 4)
        {
            throw new NotSupportedException($"'{value.Name}' has rank {value.Rank}; NCHW needs rank 4.");
        }

        var name = value.Name + ":nchw";
        if (!_produced.Contains(name))
        {
            Emit("Transpose", name, [value.Name], new OnnxAttribute("perm", Ints: ToNchwPerm));
        }

        return value with { Name = name, Layout = TensorLayout.Nchw };
    }

    private ConvertedValue ToPlain(ConvertedValue value)
    {
        if (value.Layout == TensorLayout.Plain)
        {
            return value;
        }

        var name = value.Name.EndsWith(":nchw", StringComparison.Ordinal) ? value.Name[..^5] : value.Name + ":nhwc";
        if (!_produced.Contains(name))
        {
            Emit("Transpose", name, [value.Name], new OnnxAttribute("perm", Ints: ToNhwcPerm));
        }

        return value with { Name = name, Layout = TensorLayout.Plain };
    }

    private string AddInitializer(OnnxTensor tensor)
    {
        if (_initializerNames.Add(tensor.Name))
        {
            _model.Initializers.Add(tensor);
        }

        return tensor.Name;
    }

    private string Int64Initializer(string name, long[] values) =>
        AddInitializer(OnnxTensor.FromInt64(name, [values.Length], values));
}
