using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SecureCall.ModelConverter.Conversion;
using SecureCall.ModelConverter.Tfjs;

namespace SecureCall.Models.Tests.Conversion;

/// <summary>
/// Builds a small TF.js graph model (JSON + weights .bin) in a temporary folder, converts it and runs
/// the result with ONNX Runtime, so each op can be checked against a plain NHWC reference.
/// </summary>
public sealed class SyntheticGraph : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfjs-synthetic-").FullName;
    private readonly List<JsonObject> _nodes = [];
    private readonly JsonArray _weightSpecs = [];
    private readonly MemoryStream _weights = new();

    public SyntheticGraph Placeholder(string name, params long[] shape)
    {
        var dims = new JsonArray(shape.Select(d => (JsonNode)new JsonObject { ["size"] = d.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray());
        _nodes.Add(new JsonObject
        {
            ["name"] = name,
            ["op"] = "Placeholder",
            ["attr"] = new JsonObject { ["dtype"] = new JsonObject { ["type"] = "DT_FLOAT" }, ["shape"] = new JsonObject { ["shape"] = new JsonObject { ["dim"] = dims } } },
        });
        return this;
    }

    /// <summary>A float constant; <paramref name="float16"/> stores it as raw halves like the package's quantised weights.</summary>
    public SyntheticGraph Const(string name, long[] shape, float[] values, bool float16 = false)
    {
        var spec = new JsonObject { ["name"] = name, ["shape"] = Shape(shape), ["dtype"] = "float32" };
        if (float16)
        {
            spec["quantization"] = new JsonObject { ["dtype"] = "float16", ["original_dtype"] = "float32" };
            foreach (var value in values)
            {
                _weights.Write(BitConverter.GetBytes((Half)value));
            }
        }
        else
        {
            foreach (var value in values)
            {
                _weights.Write(BitConverter.GetBytes(value));
            }
        }

        return AddConst(name, spec);
    }

    public SyntheticGraph ConstInt(string name, long[] shape, int[] values)
    {
        foreach (var value in values)
        {
            _weights.Write(BitConverter.GetBytes(value));
        }

        return AddConst(name, new JsonObject { ["name"] = name, ["shape"] = Shape(shape), ["dtype"] = "int32" });
    }

    public SyntheticGraph Node(string name, string op, string[] inputs, Dictionary<string, JsonNode>? attrs = null)
    {
        var attrObject = new JsonObject { ["T"] = new JsonObject { ["type"] = "DT_FLOAT" } };
        foreach (var (key, value) in attrs ?? [])
        {
            attrObject[key] = value;
        }

        _nodes.Add(new JsonObject
        {
            ["name"] = name,
            ["op"] = op,
            ["input"] = new JsonArray(inputs.Select(i => (JsonNode)JsonValue.Create(i)).ToArray()),
            ["attr"] = attrObject,
        });
        return this;
    }

    /// <summary>Writes the model files with the nodes in the given order (default: insertion order).</summary>
    public string Write(Func<IReadOnlyList<JsonObject>, IEnumerable<JsonObject>>? order = null)
    {
        var nodes = (order ?? (n => n))(_nodes).Select(n => (JsonNode)n.DeepClone()).ToArray();
        var model = new JsonObject
        {
            ["format"] = "graph-model",
            ["modelTopology"] = new JsonObject { ["node"] = new JsonArray(nodes) },
            ["weightsManifest"] = new JsonArray(new JsonObject { ["paths"] = new JsonArray("synthetic.bin"), ["weights"] = _weightSpecs.DeepClone() }),
        };
        File.WriteAllText(Path.Combine(_dir, "synthetic.json"), model.ToJsonString());
        File.WriteAllBytes(Path.Combine(_dir, "synthetic.bin"), _weights.ToArray());
        return Path.Combine(_dir, "synthetic.json");
    }

    public byte[] ConvertToOnnx(IEnumerable<string>? extraOutputs = null, Func<IReadOnlyList<JsonObject>, IEnumerable<JsonObject>>? order = null) =>
        GraphConverter.Convert(TfjsModel.Load(Write(order)), "synthetic", extraOutputs).Serialize();

    /// <summary>Converts and runs; returns each requested output's values and shape.</summary>
    public Dictionary<string, (float[] Values, int[] Shape)> Run(float[] input, int[] shape, IEnumerable<string>? extraOutputs = null, Func<IReadOnlyList<JsonObject>, IEnumerable<JsonObject>>? order = null)
    {
        using var session = new InferenceSession(ConvertToOnnx(extraOutputs, order));
        var inputName = session.InputMetadata.Keys.Single();
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<float>(input, shape))]);
        return results.ToDictionary(r => r.Name, r => (r.AsTensor<float>().ToArray(), r.AsTensor<float>().Dimensions.ToArray()));
    }

    public void Dispose()
    {
        _weights.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private SyntheticGraph AddConst(string name, JsonObject spec)
    {
        _weightSpecs.Add(spec);
        _nodes.Add(new JsonObject { ["name"] = name, ["op"] = "Const", ["attr"] = new JsonObject() });
        return this;
    }

    private static JsonArray Shape(long[] shape) => new(shape.Select(d => (JsonNode)JsonValue.Create(d)).ToArray());
}
