using System.Text.Json.Nodes;
using static SecureCall.Models.Tests.Conversion.NhwcReference;

namespace SecureCall.Models.Tests.Conversion;

/// <summary>Each TF.js op the face models use, on a small synthetic graph, against an NHWC reference.</summary>
public sealed class GraphConverterOpTests
{
    private static Dictionary<string, JsonNode> ConvAttrs(int stride, string padding, params string[] fused)
    {
        var attrs = new Dictionary<string, JsonNode>
        {
            ["strides"] = TfjsAttr.Ints(1, stride, stride, 1),
            ["dilations"] = TfjsAttr.Ints(1, 1, 1, 1),
            ["padding"] = TfjsAttr.Str(padding),
            ["data_format"] = TfjsAttr.Str("NHWC"),
        };
        if (fused.Length > 0)
        {
            attrs["fused_ops"] = TfjsAttr.Strs(fused);
            attrs["num_args"] = TfjsAttr.Int(fused.Contains("Prelu") ? 2 : 1);
        }

        return attrs;
    }

    [Theory]
    [InlineData("SAME", 2)]
    [InlineData("SAME", 1)]
    [InlineData("VALID", 2)]
    public void Conv2D_MatchesNhwcReference(string padding, int stride)
    {
        int[] xs = [1, 6, 7, 3];
        int[] fs = [3, 3, 3, 4];
        var x = Random(6 * 7 * 3, 1);
        var f = Random(3 * 3 * 3 * 4, 2);
        using var graph = new SyntheticGraph()
            .Placeholder("x", 1, 6, 7, 3)
            .Const("w", [3, 3, 3, 4], f)
            .Node("y", "Conv2D", ["x", "w"], ConvAttrs(stride, padding));

        var y = graph.Run(x, xs)["y"];

        AssertClose(Conv(x, xs, f, fs, stride, padding == "SAME", depthwise: false), y.Values);
    }

    [Fact]
    public void FusedConv2D_BiasAddRelu_AddsBiasThenClampsAtZero()
    {
        int[] xs = [2, 5, 5, 2];
        var x = Random(2 * 5 * 5 * 2, 3);
        var f = Random(2 * 2 * 2 * 3, 4);
        float[] bias = [0.5f, -0.25f, 0.1f];
        using var graph = new SyntheticGraph()
            .Placeholder("x", -1, 5, 5, 2)
            .Const("w", [2, 2, 2, 3], f)
            .Const("b", [3], bias)
            .Node("y", "_FusedConv2D", ["x", "w", "b"], ConvAttrs(2, "SAME", "BiasAdd", "Relu"));

        var y = graph.Run(x, xs)["y"];

        var expected = Conv(x, xs, f, [2, 2, 2, 3], 2, true, false).Select((v, i) => MathF.Max(0, v + bias[i % 3])).ToArray();
        Assert.Equal([2, 3, 3, 3], y.Shape);
        AssertClose(expected, y.Values);
    }

    [Fact]
    public void FusedConv2D_Prelu_UsesPerChannelAlpha()
    {
        int[] xs = [1, 4, 4, 2];
        var x = Random(32, 5);
        var f = Random(1 * 1 * 2 * 3, 6);
        float[] bias = [0.1f, 0.2f, -0.3f];
        float[] alpha = [0.1f, 0.5f, 2f];
        using var graph = new SyntheticGraph()
            .Placeholder("x", 1, 4, 4, 2)
            .Const("w", [1, 1, 2, 3], f)
            .Const("b", [3], bias)
            .Const("alpha", [1, 1, 3], alpha)
            .Node("y", "_FusedConv2D", ["x", "w", "b", "alpha"], ConvAttrs(1, "VALID", "BiasAdd", "Prelu"));

        var y = graph.Run(x, xs)["y"];

        var expected = Conv(x, xs, f, [1, 1, 2, 3], 1, false, false)
            .Select((v, i) => v + bias[i % 3])
            .Select((v, i) => v >= 0 ? v : v * alpha[i % 3])
            .ToArray();
        AssertClose(expected, y.Values);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void DepthwiseConv_MatchesReference_ForChannelMultiplier(int multiplier)
    {
        int[] xs = [1, 5, 6, 3];
        int[] fs = [3, 3, 3, multiplier];
        var x = Random(90, 7);
        var f = Random(27 * multiplier, 8);
        using var graph = new SyntheticGraph()
            .Placeholder("x", 1, 5, 6, 3)
            .Const("w", [3, 3, 3, multiplier], f)
            .Node("y", "DepthwiseConv2dNative", ["x", "w"], ConvAttrs(2, "SAME"));

        var y = graph.Run(x, xs)["y"];

        AssertClose(Conv(x, xs, f, fs, 2, true, depthwise: true), y.Values);
    }

    [Theory]
    [InlineData("SAME", 3)]
    [InlineData("VALID", 2)]
    public void MaxPool_MatchesReference(string padding, int kernel)
    {
        int[] xs = [1, 7, 5, 2];
        var x = Random(70, 9);
        using var graph = new SyntheticGraph()
            .Placeholder("x", 1, 7, 5, 2)
            .Node("y", "MaxPool", ["x"], new() { ["ksize"] = TfjsAttr.Ints(1, kernel, kernel, 1), ["strides"] = TfjsAttr.Ints(1, 2, 2, 1), ["padding"] = TfjsAttr.Str(padding), ["data_format"] = TfjsAttr.Str("NHWC") });

        var y = graph.Run(x, xs)["y"];

        AssertClose(MaxPool(x, xs, kernel, 2, padding == "SAME"), y.Values);
    }

    [Fact]
    public void ElementwiseOps_BroadcastChannelConstants_AndRelu6Chain()
    {
        // conv → Mul [C] → Add [1,1,1,C] → Relu → Minimum 6 → Maximum 0, as faceres' batch-norm + Relu6 does.
        int[] xs = [1, 3, 3, 2];
        var x = Random(18, 10, -8, 8);
        float[] scale = [2f, -3f];
        float[] shift = [1f, 0.5f];
        using var graph = new SyntheticGraph()
            .Placeholder("x", 1, 3, 3, 2)
            .Const("w", [1, 1, 2, 2], [1, 0, 0, 1])
            .Const("scale", [2], scale)
            .Const("shift", [1, 1, 1, 2], shift)
            .Const("six", [], [6f])
            .Const("zero", [], [0f])
            .Node("conv", "Conv2D", ["x", "w"], ConvAttrs(1, "VALID"))
            .Node("mul", "Mul", ["conv", "scale"])
            .Node("add", "AddV2", ["mul", "shift"])
            .Node("relu", "Relu", ["add"])
            .Node("min", "Minimum", ["relu", "six"])
            .Node("y", "Maximum", ["min", "zero"]);

        var y = graph.Run(x, xs)["y"];

        var expected = x.Select((v, i) => Math.Clamp((v * scale[i % 2]) + shift[i % 2], 0f, 6f)).ToArray();
        AssertClose(expected, y.Values);
    }

    [Fact]
    public void MinimumAndMaximum_WithScalars_ClampEachSide_AndKeepInnerOutputs()
    {
        int[] xs = [1, 2, 3, 2];
        var x = Random(12, 19, -10, 10);
        using var graph = new SyntheticGraph()
            .Placeholder("x", 1, 2, 3, 2)
            .Const("hi", [], [2.5f])
            .Const("lo", [1], [-1.5f])
            .Node("min", "Minimum", ["x", "hi"])
            .Node("y", "Maximum", ["lo", "min"])
            .Node("floor", "Maximum", ["x", "lo"]);

        var result = graph.Run(x, xs, extraOutputs: ["min"]);

        AssertClose(x.Select(v => MathF.Min(v, 2.5f)).ToArray(), result["min"].Values);
        AssertClose(x.Select(v => Math.Clamp(v, -1.5f, 2.5f)).ToArray(), result["y"].Values);
        AssertClose(x.Select(v => MathF.Max(v, -1.5f)).ToArray(), result["floor"].Values);
    }

    [Fact]
    public void AddOfTwoComputedTensors_KeepsLayout()
    {
        int[] xs = [1, 2, 3, 2];
        var x = Random(12, 11);
        using var graph = new SyntheticGraph()
            .Placeholder("x", 1, 2, 3, 2)
            .Const("w", [1, 1, 2, 2], [0, 1, 1, 0])
            .Node("swap", "Conv2D", ["x", "w"], ConvAttrs(1, "VALID"))
            .Node("y", "AddV2", ["x", "swap"])
            .Node("s", "Sigmoid", ["y"]);

        var result = graph.Run(x, xs)["s"];

        var expected = x.Select((v, i) => 1f / (1f + MathF.Exp(-(v + x[i ^ 1])))).ToArray();
        AssertClose(expected, result.Values);
    }

    [Fact]
    public void Pad_OnChannels_ZeroFillsNewChannels()
    {
        int[] xs = [1, 2, 2, 2];
        var x = Random(8, 12);
        using var graph = new SyntheticGraph()
            .Placeholder("x", 1, 2, 2, 2)
            .ConstInt("paddings", [4, 2], [0, 0, 0, 0, 0, 0, 0, 3])
            .Node("y", "Pad", ["x", "paddings"]);

        var y = graph.Run(x, xs)["y"];

        Assert.Equal([1, 2, 2, 5], y.Shape);
        var expected = Enumerable.Range(0, 20).Select(i => i % 5 < 2 ? x[(i / 5 * 2) + (i % 5)] : 0f).ToArray();
        AssertClose(expected, y.Values);
    }

    [Fact]
    public void Reshape_FlattenBeforeDense_KeepsNhwcOrder()
    {
        // A conv puts the value in NCHW inside the graph; the flatten must still see h, w, c order.
        int[] xs = [1, 2, 2, 3];
        var x = Random(12, 13);
        var dense = Random(12 * 2, 14);
        float[] bias = [0.25f, -0.5f];
        using var graph = new SyntheticGraph()
            .Placeholder("x", -1, 2, 2, 3)
            .Const("identity", [1, 1, 3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1])
            .ConstInt("shape", [2], [-1, 12])
            .Const("dense", [12, 2], dense)
            .Const("bias", [2], bias)
            .Node("conv", "Conv2D", ["x", "identity"], ConvAttrs(1, "VALID"))
            .Node("flat", "Reshape", ["conv", "shape"])
            .Node("y", "_FusedMatMul", ["flat", "dense", "bias"], new() { ["fused_ops"] = TfjsAttr.Strs("BiasAdd", "Relu"), ["transpose_a"] = TfjsAttr.Bool(false), ["transpose_b"] = TfjsAttr.Bool(false) });

        var y = graph.Run(x, xs)["y"];

        var expected = Enumerable.Range(0, 2).Select(o => MathF.Max(0, Enumerable.Range(0, 12).Sum(i => x[i] * dense[(i * 2) + o]) + bias[o])).ToArray();
        AssertClose(expected, y.Values);
    }

    [Fact]
    public void MeanOverSpatialAxes_ThenSoftmax()
    {
        int[] xs = [2, 3, 2, 4];
        var x = Random(48, 15, -3, 3);
        using var graph = new SyntheticGraph()
            .Placeholder("x", -1, 3, 2, 4)
            .Const("w", [1, 1, 4, 4], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])
            .ConstInt("axes", [2], [1, 2])
            .Node("conv", "Conv2D", ["x", "w"], ConvAttrs(1, "VALID"))
            .Node("mean", "Mean", ["conv", "axes"], new() { ["keep_dims"] = TfjsAttr.Bool(false) })
            .Node("y", "Softmax", ["mean"]);

        var result = graph.Run(x, xs, extraOutputs: ["mean"]);

        var mean = new float[8];
        for (var i = 0; i < 48; i++)
        {
            mean[(i / 24 * 4) + (i % 4)] += x[i] / 6f;
        }

        AssertClose(mean, result["mean"].Values);
        var expected = mean.Select((m, i) => MathF.Exp(m) / Enumerable.Range(0, 4).Sum(k => MathF.Exp(mean[(i / 4 * 4) + k]))).ToArray();
        AssertClose(expected, result["y"].Values);
        Assert.Equal([2, 4], result["y"].Shape);
    }

    [Fact]
    public void ConcatV2_OnChannelAxis_OfConvOutputs()
    {
        int[] xs = [1, 2, 2, 1];
        var x = Random(4, 16);
        using var graph = new SyntheticGraph()
            .Placeholder("x", 1, 2, 2, 1)
            .Const("a", [1, 1, 1, 1], [2f])
            .Const("b", [1, 1, 1, 2], [-1f, 3f])
            .ConstInt("axis", [], [3])
            .Node("ca", "Conv2D", ["x", "a"], ConvAttrs(1, "VALID"))
            .Node("cb", "Conv2D", ["x", "b"], ConvAttrs(1, "VALID"))
            .Node("y", "ConcatV2", ["ca", "cb", "axis"], new() { ["N"] = TfjsAttr.Int(2) });

        var y = graph.Run(x, xs)["y"];

        Assert.Equal([1, 2, 2, 3], y.Shape);
        AssertClose(x.SelectMany(v => new[] { 2 * v, -v, 3 * v }).ToArray(), y.Values);
    }

    [Fact]
    public void Float16Weights_AreDecodedAsRawHalves()
    {
        float[] weights = [0.333251953125f, -1.5f, 65504f, 0.0001f];
        using var graph = new SyntheticGraph()
            .Placeholder("x", 1, 1, 1, 1)
            .Const("w", [1, 1, 1, 4], weights, float16: true)
            .Node("y", "Conv2D", ["x", "w"], ConvAttrs(1, "VALID"));

        var y = graph.Run([1f], [1, 1, 1, 1])["y"];

        AssertClose(weights.Select(w => (float)(Half)w).ToArray(), y.Values, 0f);
    }

    [Fact]
    public void NodesOutOfTopologicalOrder_AreSorted()
    {
        int[] xs = [1, 2, 2, 1];
        var x = Random(4, 17);
        using var graph = new SyntheticGraph()
            .Placeholder("x", 1, 2, 2, 1)
            .Const("two", [], [2f])
            .Node("a", "Mul", ["x", "two"])
            .Node("b", "Relu", ["a"])
            .Node("y", "Identity", ["b"]);

        var y = graph.Run(x, xs, order: nodes => nodes.Reverse())["y"];

        AssertClose(x.Select(v => MathF.Max(0, 2 * v)).ToArray(), y.Values);
    }

    [Fact]
    public void UnsupportedOp_IsRejectedNamingTheOp()
    {
        using var graph = new SyntheticGraph()
            .Placeholder("x", 1, 2, 2, 1)
            .Node("y", "Cumsum", ["x"]);

        var error = Assert.Throws<NotSupportedException>(() => graph.ConvertToOnnx());

        Assert.Contains("Cumsum", error.Message);
    }

    [Fact]
    public void Conversion_IsDeterministic()
    {
        using var graph = new SyntheticGraph()
            .Placeholder("x", -1, 4, 4, 2)
            .Const("w", [3, 3, 2, 2], Random(36, 18), float16: true)
            .Node("y", "DepthwiseConv2dNative", ["x", "w"], ConvAttrs(1, "SAME"));

        Assert.Equal(graph.ConvertToOnnx(), graph.ConvertToOnnx());
    }
}
