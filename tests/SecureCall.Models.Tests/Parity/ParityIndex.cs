using System.Text.Json;
using SecureCall.Models.Tests.Infrastructure;

namespace SecureCall.Models.Tests.Parity;

/// <summary>Reads models/out/parity/index.json written by the TF.js reference script.</summary>
public static class ParityIndex
{
    public static IReadOnlyList<ParityCase> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.ParityDir, "index.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new ParityCase(
            c.GetProperty("model").GetString()!,
            c.GetProperty("case").GetString()!,
            Tensor(c.GetProperty("input"), "input"),
            c.GetProperty("outputs").EnumerateArray().Select(o => Tensor(o, o.GetProperty("name").GetString()!)).ToList())).ToList();
    }

    private static ParityTensor Tensor(JsonElement element, string name) => new(
        name,
        element.GetProperty("file").GetString()!,
        element.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray());
}
