using SecureCall.ModelConverter.Onnx;
using SecureCall.ModelConverter.Tfjs;

namespace SecureCall.ModelConverter.Conversion;

/// <summary>Conv2D, depthwise conv and pooling: NCHW inside, TF padding mapped to auto_pad.</summary>
public sealed partial class GraphConverter
{
    private ConvertedValue ConvertConv(TfjsNode node, bool depthwise)
    {
        RequireNhwc(node);
        var input = ToNchw(Value(node.Inputs[0]));
        var filter = Const(node.Inputs[1]);
        if (filter.Shape.Length != 4)
        {
            throw new InvalidDataException($"Filter of '{node.Name}' is not 4-D.");
        }

        var (kh, kw, cin, m) = (filter.Shape[0], filter.Shape[1], filter.Shape[2], filter.Shape[3]);
        var weights = filter.RequireFloats();
        long cout;
        float[] onnxWeights;
        long[] onnxDims;
        if (depthwise)
        {
            // TF [H,W,C,M] → ONNX [C·M,1,H,W]; output channel c·M+m, as TF orders it.
            cout = cin * m;
            onnxDims = [cout, 1, kh, kw];
            onnxWeights = new float[weights.Length];
            for (var y = 0; y < kh; y++)
            for (var x = 0; x < kw; x++)
            for (var c = 0; c < cin; c++)
            for (var k = 0; k < m; k++)
            {
                onnxWeights[((((c * m) + k) * kh) + y) * kw + x] = weights[(((y * kw) + x) * cin + c) * m + k];
            }
        }
        else
        {
            // TF [H,W,Cin,Cout] → ONNX [Cout,Cin,H,W].
            cout = m;
            onnxDims = [cout, cin, kh, kw];
            onnxWeights = new float[weights.Length];
            for (var y = 0; y < kh; y++)
            for (var x = 0; x < kw; x++)
            for (var c = 0; c < cin; c++)
            for (var o = 0; o < cout; o++)
            {
                onnxWeights[((((o * cin) + c) * kh) + y) * kw + x] = weights[(((y * kw) + x) * cin + c) * cout + o];
            }
        }

        var inputs = new List<string> { input.Name, AddInitializer(OnnxTensor.FromFloats(node.Inputs[1] + (depthwise ? ":dw" : ":oihw"), onnxDims, onnxWeights)) };
        var fused = node.GetStrings("fused_ops");
        if (fused.Length > 0 && fused[0] == "BiasAdd")
        {
            var bias = Const(node.Inputs[2]);
            inputs.Add(AddInitializer(OnnxTensor.FromFloats(node.Inputs[2], [bias.ElementCount], bias.RequireFloats())));
        }
        else if (fused.Length > 0)
        {
            throw new NotSupportedException($"'{node.Name}' fuses {string.Join('+', fused)}; only BiasAdd[+activation] is supported.");
        }

        var strides = node.GetInts("strides");
        var dilations = node.GetInts("dilations");
        var attributes = new List<OnnxAttribute>
        {
            new("kernel_shape", Ints: [kh, kw]),
            new("strides", Ints: [strides[1], strides[2]]),
            new("dilations", Ints: dilations.Length == 4 ? [dilations[1], dilations[2]] : [1, 1]),
            new("group", Int: depthwise ? cin : 1),
            AutoPad(node),
        };

        var shape = new[] { input.Shape[0], OutputSize(node, input.Shape[1], kh, strides[1]), OutputSize(node, input.Shape[2], kw, strides[2]), cout };
        var convName = fused.Length > 1 ? node.Name + "/conv:nchw" : ValueName(node.Name, TensorLayout.Nchw);
        Emit("Conv", convName, inputs, attributes.ToArray());
        var conv = new ConvertedValue(convName, TensorLayout.Nchw, shape);
        return fused.Length > 1 ? ApplyActivation(node, fused[1], conv, node.Inputs.Count > 3 ? node.Inputs[3] : null) : conv;
    }

    private ConvertedValue ConvertPool(TfjsNode node, string opType)
    {
        RequireNhwc(node);
        var input = ToNchw(Value(node.Inputs[0]));
        var ksize = node.GetInts("ksize");
        var strides = node.GetInts("strides");
        var attributes = new List<OnnxAttribute>
        {
            new("kernel_shape", Ints: [ksize[1], ksize[2]]),
            new("strides", Ints: [strides[1], strides[2]]),
            AutoPad(node),
        };
        var shape = new[] { input.Shape[0], OutputSize(node, input.Shape[1], ksize[1], strides[1]), OutputSize(node, input.Shape[2], ksize[2], strides[2]), input.Shape[3] };
        var name = Emit(opType, ValueName(node.Name, TensorLayout.Nchw), [input.Name], attributes.ToArray());
        return new ConvertedValue(name, TensorLayout.Nchw, shape);
    }

    /// <summary>TF SAME puts the odd padding pixel at the end, exactly ONNX SAME_UPPER.</summary>
    private static OnnxAttribute AutoPad(TfjsNode node) => node.GetString("padding") switch
    {
        "SAME" => new OnnxAttribute("auto_pad", Text: "SAME_UPPER"),
        "VALID" => new OnnxAttribute("auto_pad", Text: "VALID"),
        var other => throw new NotSupportedException($"'{node.Name}' uses padding '{other}'; only SAME and VALID are supported."),
    };

    private static long OutputSize(TfjsNode node, long size, long kernel, long stride)
    {
        if (size < 0)
        {
            return -1;
        }

        return node.GetString("padding") == "SAME" ? (size + stride - 1) / stride : ((size - kernel) / stride) + 1;
    }

    private static void RequireNhwc(TfjsNode node)
    {
        var format = node.GetString("data_format", "NHWC");
        if (format != "NHWC")
        {
            throw new NotSupportedException($"'{node.Name}' uses data_format {format}; only NHWC is supported.");
        }
    }
}
