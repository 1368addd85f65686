using System.Text.Json;

namespace SecureCall.ModelConverter.Tfjs;

/// <summary>A TF.js graph model: nodes, constants (all from the weights manifest) and signature outputs.</summary>
public sealed class TfjsModel
{
    private TfjsModel(IReadOnlyList<TfjsNode> nodes, IReadOnlyDictionary<string, TfjsTensor> weights, IReadOnlyList<string> signatureOutputs)
    {
        Nodes = nodes;
        Weights = weights;
        SignatureOutputs = signatureOutputs;
    }

    public IReadOnlyList<TfjsNode> Nodes { get; }

    public IReadOnlyDictionary<string, TfjsTensor> Weights { get; }

    /// <summary>Output node names from the optional signature block (may name inner nodes, e.g. faceres' embedding).</summary>
    public IReadOnlyList<string> SignatureOutputs { get; }

    public static TfjsModel Load(string jsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
        var root = document.RootElement;
        var nodes = root.GetProperty("modelTopology").GetProperty("node").EnumerateArray().Select(TfjsNode.Parse).ToList();

        var signatureOutputs = new List<string>();
        if (root.TryGetProperty("signature", out var signature) && signature.TryGetProperty("outputs", out var outputs))
        {
            foreach (var output in outputs.EnumerateObject())
            {
                var name = output.Value.GetProperty("name").GetString() ?? output.Name;
                signatureOutputs.Add(name.EndsWith(":0", StringComparison.Ordinal) ? name[..^2] : name);
            }
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(jsonPath))!;
        var weights = new Dictionary<string, TfjsTensor>(StringComparer.Ordinal);
        foreach (var group in root.GetProperty("weightsManifest").EnumerateArray())
        {
            // A group's shards are one byte stream split into files.
            var data = group.GetProperty("paths").EnumerateArray()
                .SelectMany(p => File.ReadAllBytes(Path.Combine(directory, p.GetString()!)))
                .ToArray();
            var offset = 0;
            foreach (var spec in group.GetProperty("weights").EnumerateArray())
            {
                var tensor = WeightDecoder.Decode(spec, data, ref offset);
                weights[tensor.Name] = tensor;
            }

            if (offset != data.Length)
            {
                throw new InvalidDataException($"Weights manifest describes {offset} bytes but the shards hold {data.Length}.");
            }
        }

        return new TfjsModel(nodes, weights, signatureOutputs);
    }
}
