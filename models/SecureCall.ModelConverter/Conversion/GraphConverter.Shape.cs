using SecureCall.ModelConverter.Onnx;
using SecureCall.ModelConverter.Tfjs;

namespace SecureCall.ModelConverter.Conversion;

/// <summary>Ops whose meaning depends on axis order: Pad, Reshape, Mean, Softmax, MatMul, ConcatV2.</summary>
public sealed partial class GraphConverter
{
    /// <summary>Where NHWC axis i sits in NCHW.</summary>
    private static readonly int[] NhwcAxisInNchw = [0, 2, 3, 1];

    private ConvertedValue ConvertPad(TfjsNode node)
    {
        var input = Value(node.Inputs[0]);
        var paddings = Const(node.Inputs[1]).RequireInts();
        var rank = input.Rank;
        var begins = new long[rank];
        var ends = new long[rank];
        for (var axis = 0; axis < rank; axis++)
        {
            var target = input.Layout == TensorLayout.Nchw ? NhwcAxisInNchw[axis] : axis;
            begins[target] = paddings[2 * axis];
            ends[target] = paddings[(2 * axis) + 1];
        }

        var pads = Int64Initializer(node.Inputs[1] + (input.Layout == TensorLayout.Nchw ? ":nchw" : ":onnx"), [.. begins, .. ends]);
        var shape = input.Shape.Select((d, i) => d < 0 ? -1 : d + paddings[2 * i] + paddings[(2 * i) + 1]).ToArray();
        var name = Emit("Pad", ValueName(node.Name, input.Layout), [input.Name, pads], new OnnxAttribute("mode", Text: "constant"));
        return new ConvertedValue(name, input.Layout, shape);
    }

    /// <summary>Reshape (e.g. a flatten before a dense layer) must see TF.js' NHWC element order.</summary>
    private ConvertedValue ConvertReshape(TfjsNode node)
    {
        var input = ToPlain(Value(node.Inputs[0]));
        var target = Const(node.Inputs[1]).RequireInts().Select(v => (long)v).ToArray();
        var shape = (long[])target.Clone();
        var known = input.Shape.All(d => d >= 0);
        var inferred = Array.IndexOf(shape, -1L);
        if (known && inferred >= 0)
        {
            var total = input.Shape.Aggregate(1L, (a, b) => a * b);
            shape[inferred] = total / shape.Where((_, i) => i != inferred).Aggregate(1L, (a, b) => a * b);
        }

        var name = Emit("Reshape", ValueName(node.Name, TensorLayout.Plain), [input.Name, Int64Initializer(node.Inputs[1] + ":i64", target)]);
        return new ConvertedValue(name, TensorLayout.Plain, shape);
    }

    private ConvertedValue ConvertMean(TfjsNode node)
    {
        var input = Value(node.Inputs[0]);
        var axes = Const(node.Inputs[1]).RequireInts().Select(a => a < 0 ? a + input.Rank : a).Order().ToArray();
        var keepDims = node.GetBool("keep_dims");

        // Spatial pooling of an NCHW value stays in NCHW; dropping H and W leaves [N,C] in TF.js order anyway.
        var spatial = input.Layout == TensorLayout.Nchw && axes.SequenceEqual([1, 2]);
        if (!spatial)
        {
            input = ToPlain(input);
        }

        var onnxAxes = axes.Select(a => (long)(spatial ? NhwcAxisInNchw[a] : a)).ToArray();
        var shape = keepDims
            ? input.Shape.Select((d, i) => axes.Contains(i) ? 1 : d).ToArray()
            : input.Shape.Where((_, i) => !axes.Contains(i)).ToArray();
        var layout = spatial && keepDims ? TensorLayout.Nchw : TensorLayout.Plain;
        var name = Emit("ReduceMean", ValueName(node.Name, layout), [input.Name], new OnnxAttribute("axes", Ints: onnxAxes), new OnnxAttribute("keepdims", Int: keepDims ? 1 : 0));
        return new ConvertedValue(name, layout, shape);
    }

    private ConvertedValue ConvertSoftmax(TfjsNode node)
    {
        var input = ToPlain(Value(node.Inputs[0]));
        var name = Emit("Softmax", node.Name, [input.Name], new OnnxAttribute("axis", Int: input.Rank - 1));
        return new ConvertedValue(name, TensorLayout.Plain, input.Shape);
    }

    private ConvertedValue ConvertMatMul(TfjsNode node)
    {
        var a = ToPlain(Value(node.Inputs[0]));
        var weights = Const(node.Inputs[1]);
        if (a.Rank != 2 || weights.Shape.Length != 2)
        {
            throw new NotSupportedException($"'{node.Name}' is not a 2-D matrix product.");
        }

        var transA = node.GetBool("transpose_a");
        var transB = node.GetBool("transpose_b");
        var inputs = new List<string> { a.Name, AddInitializer(OnnxTensor.FromFloats(weights.Name, weights.Shape, weights.RequireFloats())) };
        var fused = node.GetStrings("fused_ops");
        if (fused.Length > 0 && fused[0] == "BiasAdd")
        {
            var bias = Const(node.Inputs[2]);
            inputs.Add(AddInitializer(OnnxTensor.FromFloats(bias.Name, [bias.ElementCount], bias.RequireFloats())));
        }
        else if (fused.Length > 0)
        {
            throw new NotSupportedException($"'{node.Name}' fuses {string.Join('+', fused)}; only BiasAdd[+activation] is supported.");
        }

        var shape = new[] { transA ? a.Shape[1] : a.Shape[0], transB ? weights.Shape[0] : weights.Shape[1] };
        var gemmName = fused.Length > 1 ? node.Name + "/gemm" : node.Name;
        Emit("Gemm", gemmName, inputs, new OnnxAttribute("transA", Int: transA ? 1 : 0), new OnnxAttribute("transB", Int: transB ? 1 : 0));
        var gemm = new ConvertedValue(gemmName, TensorLayout.Plain, shape);
        return fused.Length > 1 ? ApplyActivation(node, fused[1], gemm, node.Inputs.Count > 3 ? node.Inputs[3] : null) : gemm;
    }

    private ConvertedValue ConvertConcat(TfjsNode node)
    {
        var parts = node.Inputs.Take(node.Inputs.Count - 1).Select(Value).ToList();
        var rank = parts[0].Rank;
        var axis = (int)Const(node.Inputs[^1]).RequireInts()[0];
        axis = axis < 0 ? axis + rank : axis;
        var nchw = rank == 4 && parts.Any(p => p.Layout == TensorLayout.Nchw);
        parts = parts.Select(p => nchw ? ToNchw(p) : ToPlain(p)).ToList();
        var shape = (long[])parts[0].Shape.Clone();
        shape[axis] = parts.Any(p => p.Shape[axis] < 0) ? -1 : parts.Sum(p => p.Shape[axis]);
        var layout = nchw ? TensorLayout.Nchw : TensorLayout.Plain;
        var name = Emit("Concat", ValueName(node.Name, layout), parts.Select(p => p.Name).ToList(), new OnnxAttribute("axis", Int: nchw ? NhwcAxisInNchw[axis] : axis));
        return new ConvertedValue(name, layout, shape);
    }
}
