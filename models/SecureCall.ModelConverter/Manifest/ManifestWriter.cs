using System.Text.Json;
using SecureCall.ModelConverter.Onnx;

namespace SecureCall.ModelConverter.Manifest;

/// <summary>Writes manifest.json: source package, hashes, tensor names and shapes, licences. Stable key order, no timestamps.</summary>
public static class ManifestWriter
{
    public static byte[] Write(string sourceVersion, IReadOnlyList<ModelEntry> models)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("source");
            json.WriteString("package", ModelCatalog.SourcePackage);
            json.WriteString("version", sourceVersion);
            json.WriteString("folder", "models");
            json.WriteString("packageLicence", "MIT");
            json.WriteEndObject();
            json.WriteString("converter", OnnxModel.ProducerName);
            json.WriteNumber("onnxOpset", OnnxModel.OpsetVersion);
            json.WriteString("shapeNote", "-1 is the dynamic batch dimension (named N in the ONNX files)");
            json.WriteStartArray("models");
            foreach (var model in models)
            {
                json.WriteStartObject();
                json.WriteString("name", model.Spec.Name);
                json.WriteString("file", model.Spec.Name + ".onnx");
                json.WriteString("sha256", model.Sha256);
                json.WriteString("sourceJsonSha256", model.SourceJsonSha256);
                json.WriteString("sourceBinSha256", model.SourceBinSha256);
                WriteValues(json, "inputs", model.Model.Inputs);
                WriteValues(json, "outputs", model.Model.Outputs);
                json.WriteString("upstream", model.Spec.Upstream);
                json.WriteString("licence", model.Spec.Licence);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return [.. stream.ToArray(), .. "\n"u8.ToArray()];
    }

    private static void WriteValues(Utf8JsonWriter json, string property, IEnumerable<OnnxValueInfo> values)
    {
        json.WriteStartArray(property);
        foreach (var value in values)
        {
            json.WriteStartObject();
            json.WriteString("name", value.Name);
            json.WriteStartArray("shape");
            foreach (var dim in value.Shape)
            {
                json.WriteNumberValue(dim);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    public static string Sha256(string path) => Sha256(File.ReadAllBytes(path));
}
