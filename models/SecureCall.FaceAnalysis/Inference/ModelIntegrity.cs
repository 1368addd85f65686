using System.Security.Cryptography;
using System.Text.Json;

namespace SecureCall.FaceAnalysis.Inference;

/// <summary>
/// Checks converted models against the manifest.json the converter wrote beside them, so a stale or
/// damaged file is reported with the step that fixes it instead of producing wrong scores.
/// </summary>
public static class ModelIntegrity
{
    public const string ManifestFileName = "manifest.json";

    /// <summary>Throws when <paramref name="path"/> is listed in the folder's manifest with another sha256.</summary>
    public static void Verify(string path, string name)
    {
        var manifest = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, ManifestFileName);
        if (!File.Exists(manifest))
        {
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
        var entry = document.RootElement.GetProperty("models").EnumerateArray()
            .FirstOrDefault(m => m.GetProperty("name").GetString() == name);
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var expected = entry.GetProperty("sha256").GetString();
        using var stream = File.OpenRead(path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (actual != expected)
        {
            throw new InvalidDataException($"Face model '{path}' has sha256 {actual} but {manifest} records {expected}. Run models/prepare.sh to convert it again.");
        }
    }
}
