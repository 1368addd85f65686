using System.Text;
using System.Text.Json;

namespace SecureCall.ModelConverter.Tfjs;

/// <summary>One node of a TF.js graph model (modelTopology.node[]).</summary>
public sealed class TfjsNode
{
    public TfjsNode(string name, string op, IReadOnlyList<string> inputs, IReadOnlyDictionary<string, JsonElement> attributes)
    {
        Name = name;
        Op = op;
        Inputs = inputs;
        Attributes = attributes;
    }

    public string Name { get; }

    public string Op { get; }

    /// <summary>Data inputs as node names (output index suffix ":0" removed, control inputs dropped).</summary>
    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyDictionary<string, JsonElement> Attributes { get; }

    public static TfjsNode Parse(JsonElement element)
    {
        var name = element.GetProperty("name").GetString() ?? throw new InvalidDataException("Node without a name.");
        var op = element.GetProperty("op").GetString() ?? throw new InvalidDataException($"Node '{name}' without an op.");
        var inputs = new List<string>();
        if (element.TryGetProperty("input", out var inputArray))
        {
            foreach (var input in inputArray.EnumerateArray())
            {
                var text = input.GetString() ?? string.Empty;
                if (text.StartsWith('^'))
                {
                    continue;
                }

                var colon = text.LastIndexOf(':');
                if (colon > 0 && text[(colon + 1)..] != "0")
                {
                    throw new NotSupportedException($"Node '{name}' reads output {text}; only first outputs are supported.");
                }

                inputs.Add(colon > 0 ? text[..colon] : text);
            }
        }

        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (element.TryGetProperty("attr", out var attrObject))
        {
            foreach (var property in attrObject.EnumerateObject())
            {
                attributes[property.Name] = property.Value.Clone();
            }
        }

        return new TfjsNode(name, op, inputs, attributes);
    }

    /// <summary>String attribute (TF.js stores them base64-encoded).</summary>
    public string GetString(string key, string fallback = "") =>
        Attributes.TryGetValue(key, out var value) && value.TryGetProperty("s", out var s)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(s.GetString() ?? string.Empty))
            : fallback;

    public bool GetBool(string key, bool fallback = false) =>
        Attributes.TryGetValue(key, out var value) && value.TryGetProperty("b", out var b) ? b.GetBoolean() : fallback;

    public long[] GetInts(string key)
    {
        if (!Attributes.TryGetValue(key, out var value) || !value.TryGetProperty("list", out var list) || !list.TryGetProperty("i", out var items))
        {
            return [];
        }

        return items.EnumerateArray().Select(ParseLong).ToArray();
    }

    public string[] GetStrings(string key)
    {
        if (!Attributes.TryGetValue(key, out var value) || !value.TryGetProperty("list", out var list) || !list.TryGetProperty("s", out var items))
        {
            return [];
        }

        return items.EnumerateArray().Select(s => Encoding.UTF8.GetString(Convert.FromBase64String(s.GetString() ?? string.Empty))).ToArray();
    }

    /// <summary>Placeholder shape, -1 for unknown dimensions.</summary>
    public long[] GetShape(string key)
    {
        if (!Attributes.TryGetValue(key, out var value) || !value.TryGetProperty("shape", out var shape) || !shape.TryGetProperty("dim", out var dims))
        {
            return [];
        }

        return dims.EnumerateArray().Select(d => d.TryGetProperty("size", out var size) ? ParseLong(size) : -1).ToArray();
    }

    // JSON protobuf encodes int64 as strings.
    private static long ParseLong(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? long.Parse(element.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : element.GetInt64();
}
