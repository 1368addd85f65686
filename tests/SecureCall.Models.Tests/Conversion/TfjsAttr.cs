using System.Text;
using System.Text.Json.Nodes;

namespace SecureCall.Models.Tests.Conversion;

/// <summary>TF.js attribute JSON as the converter finds it in model files (strings base64, ints as strings).</summary>
public static class TfjsAttr
{
    public static JsonNode Ints(params long[] values) =>
        new JsonObject { ["list"] = new JsonObject { ["i"] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray()) } };

    public static JsonNode Str(string value) => new JsonObject { ["s"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) };

    public static JsonNode Strs(params string[] values) =>
        new JsonObject { ["list"] = new JsonObject { ["s"] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(v)))).ToArray()) } };

    public static JsonNode Bool(bool value) => new JsonObject { ["b"] = value };

    public static JsonNode Int(long value) => new JsonObject { ["i"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
