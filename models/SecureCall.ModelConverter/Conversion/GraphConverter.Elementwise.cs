using SecureCall.ModelConverter.Onnx;
using SecureCall.ModelConverter.Tfjs;

namespace SecureCall.ModelConverter.Conversion;

/// <summary>Element-wise ops and activations; constants are re-laid out to broadcast against NCHW values.</summary>
public sealed partial class GraphConverter
{
    private ConvertedValue ConvertBinary(TfjsNode node, string opType)
    {
        if (TryConvertScalarClip(node, out var clip))
        {
            return clip;
        }

        var (left, right) = (node.Inputs[0], node.Inputs[1]);
        if (IsConst(left) && IsConst(right))
        {
            throw new NotSupportedException($"'{node.Name}' combines two constants; fold them before converting.");
        }

        if (IsConst(left) || IsConst(right))
        {
            var value = Value(IsConst(left) ? right : left);
            var constant = Const(IsConst(left) ? left : right);
            var constName = ConstOperand(constant, value.Layout);
            var shape = Broadcast(value.Shape, constant.Shape);
            var output = ValueName(node.Name, value.Layout);
            Emit(opType, output, IsConst(left) ? [constName, value.Name] : [value.Name, constName]);
            return new ConvertedValue(output, value.Layout, shape);
        }

        var (a, b) = (Value(left), Value(right));
        if ((a.Layout == TensorLayout.Nchw || b.Layout == TensorLayout.Nchw) && a.Rank == 4 && b.Rank == 4)
        {
            (a, b) = (ToNchw(a), ToNchw(b));
        }
        else
        {
            (a, b) = (ToPlain(a), ToPlain(b));
        }

        var name = Emit(opType, ValueName(node.Name, a.Layout), [a.Name, b.Name]);
        return new ConvertedValue(name, a.Layout, Broadcast(a.Shape, b.Shape));
    }

    private ConvertedValue ConvertUnary(TfjsNode node)
    {
        var input = Value(node.Inputs[0]);
        return ApplyActivation(node, node.Op, input, alphaInput: null);
    }

    private ConvertedValue ConvertPrelu(TfjsNode node) =>
        ApplyActivation(node, "Prelu", Value(node.Inputs[0]), node.Inputs[1]);

    /// <summary>Applies a (possibly fused) activation; the result carries the TF node's name.</summary>
    private ConvertedValue ApplyActivation(TfjsNode node, string kind, ConvertedValue input, string? alphaInput)
    {
        var output = ValueName(node.Name, input.Layout);
        switch (kind)
        {
            case "Relu":
            case "Sigmoid":
            case "Tanh":
            case "Elu":
            case "Identity":
                Emit(kind, output, [input.Name]);
                break;
            case "Relu6":
                Emit("Clip", output, [input.Name, ScalarFloat("clip:min0", 0f), ScalarFloat("clip:max6", 6f)]);
                break;
            case "LeakyRelu":
                Emit("LeakyRelu", output, [input.Name], new OnnxAttribute("alpha", Float: node.Attributes.TryGetValue("leakyrelu_alpha", out var a) ? a.GetProperty("f").GetSingle() : 0.2f));
                break;
            case "Prelu":
                var alpha = Const(alphaInput ?? throw new InvalidDataException($"'{node.Name}' has no Prelu alpha."));
                if (input.Layout == TensorLayout.Nchw && input.Rank == 4 && alpha.ElementCount == input.Shape[3])
                {
                    EmitPreluAsDepthwise(output, input, alpha);
                }
                else
                {
                    Emit("PRelu", output, [input.Name, ConstOperand(alpha, input.Layout)]);
                }

                break;
            default:
                throw new NotSupportedException($"Activation '{kind}' (node '{node.Name}') is not supported.");
        }

        return new ConvertedValue(output, input.Layout, input.Shape);
    }

    /// <summary>
    /// PRelu as relu(x) + (−a)·relu(−x), the two products written as 1×1 depthwise convolutions. ONNX
    /// Runtime's PRelu is not a blocked-layout (NCHWc) operator and runs a slow broadcast loop, so each
    /// one cost two layout reorders plus about 3 ns per value (facemesh: 28 of them, over half its time);
    /// Relu, depthwise Conv and Add all stay in the blocked layout and fuse (Conv+Relu, Conv+Add).
    /// Exact: for x &lt; 0 the result is (−a)·(−x) + 0 = a·x with the same single rounding, for x ≥ 0 it is ±0 + x.
    /// </summary>
    private void EmitPreluAsDepthwise(string output, ConvertedValue input, TfjsTensor alpha)
    {
        var channels = input.Shape[3];
        var slopes = alpha.RequireFloats();
        var minusOne = AddInitializer(OnnxTensor.FromFloats(alpha.Name + ":prelu_minus1", [channels, 1, 1, 1], Enumerable.Repeat(-1f, (int)channels).ToArray()));
        var minusSlope = AddInitializer(OnnxTensor.FromFloats(alpha.Name + ":prelu_minus_slope", [channels, 1, 1, 1], slopes.Select(a => -a).ToArray()));
        OnnxAttribute[] depthwise = [new("kernel_shape", Ints: [1, 1]), new("group", Int: channels)];
        var positive = Emit("Relu", output + "/prelu_pos", [input.Name]);
        var negated = Emit("Conv", output + "/prelu_neg", [input.Name, minusOne], depthwise);
        var negative = Emit("Relu", output + "/prelu_negrelu", [negated]);
        var scaled = Emit("Conv", output + "/prelu_scaled", [negative, minusSlope], depthwise);
        Emit("Add", output, [scaled, positive]);
    }

    /// <summary>
    /// A constant operand for a value in <paramref name="layout"/>. Against NCHW values the constant's
    /// NHWC shape is padded to rank 4 and transposed, so a per-channel [1,1,C] becomes [1,C,1,1].
    /// </summary>
    private string ConstOperand(TfjsTensor constant, TensorLayout layout)
    {
        var data = constant.RequireFloats();
        if (layout == TensorLayout.Plain || constant.Shape.Length == 0)
        {
            return AddInitializer(OnnxTensor.FromFloats(constant.Name, constant.Shape, data));
        }

        if (constant.Shape.Length > 4)
        {
            throw new NotSupportedException($"Constant '{constant.Name}' has rank {constant.Shape.Length}.");
        }

        var s = Enumerable.Repeat(1L, 4 - constant.Shape.Length).Concat(constant.Shape).ToArray();
        var transposed = new float[data.Length];
        for (var n = 0; n < s[0]; n++)
        for (var h = 0; h < s[1]; h++)
        for (var w = 0; w < s[2]; w++)
        for (var c = 0; c < s[3]; c++)
        {
            transposed[(((n * s[3]) + c) * s[1] + h) * s[2] + w] = data[(((n * s[1]) + h) * s[2] + w) * s[3] + c];
        }

        return AddInitializer(OnnxTensor.FromFloats(constant.Name + ":nchw", [s[0], s[3], s[1], s[2]], transposed));
    }

    private string ScalarFloat(string name, float value) => AddInitializer(OnnxTensor.FromFloats(name, [], [value]));

    /// <summary>NumPy broadcasting of logical shapes; -1 stays unknown unless the other side fixes it.</summary>
    private static long[] Broadcast(long[] a, long[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            var x = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var y = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            result[i] = x == 1 ? y : y == 1 ? x : Math.Max(x, y);
        }

        return result;
    }
}
