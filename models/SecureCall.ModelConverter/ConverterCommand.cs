using System.Text.Json;
using SecureCall.ModelConverter.Conversion;
using SecureCall.ModelConverter.Manifest;
using SecureCall.ModelConverter.Tfjs;

namespace SecureCall.ModelConverter;

/// <summary>
/// Command line: converts the package's TF.js models to ONNX, writes out/manifest.json, and compares
/// the hashes with the committed manifest so a drifting converter or source package fails loudly.
/// </summary>
public static class ConverterCommand
{
    public const int ExitOk = 0;
    public const int ExitUsage = 1;
    public const int ExitHashMismatch = 2;
    public const int ExitFailed = 3;

    private const string Usage = """
        usage: SecureCall.ModelConverter --source <human/models dir> --out <dir> [--manifest <committed manifest.json>] [--update-manifest] [--models a,b]
          --source           folder holding NAME.json + NAME.bin (node_modules/@vladmandic/human/models)
          --out              where NAME.onnx and manifest.json are written
          --manifest         expected hashes; a mismatch exits with code 2
          --update-manifest  rewrite --manifest from this run instead of comparing
          --models           comma-separated subset (default: all)
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = ParseOptions(args);
        if (options is null || !options.ContainsKey("source") || !options.ContainsKey("out"))
        {
            stderr.WriteLine(Usage);
            return ExitUsage;
        }

        try
        {
            return Convert(options, stdout, stderr);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or JsonException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"model conversion failed: {ex.Message}");
            return ExitFailed;
        }
    }

    private static int Convert(Dictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        var source = options["source"];
        var outDir = options["out"];
        Directory.CreateDirectory(outDir);
        var version = ReadPackageVersion(source);
        var wanted = options.TryGetValue("models", out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet() : null;

        var entries = new List<ModelEntry>();
        foreach (var spec in ModelCatalog.All.Where(s => wanted is null || wanted.Contains(s.Name)))
        {
            var jsonPath = Path.Combine(source, spec.Name + ".json");
            var binPath = Path.Combine(source, spec.Name + ".bin");
            stdout.WriteLine($"[models] converting {spec.Name} ...");
            var onnx = GraphConverter.Convert(TfjsModel.Load(jsonPath), spec.Name, spec.ExtraOutputs);
            var bytes = onnx.Serialize();
            var target = Path.Combine(outDir, spec.Name + ".onnx");
            var temporary = target + ".tmp";
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, target, overwrite: true);
            var entry = new ModelEntry(spec, onnx, ManifestWriter.Sha256(bytes), ManifestWriter.Sha256(jsonPath), ManifestWriter.Sha256(binPath));
            entries.Add(entry);
            stdout.WriteLine($"[models]   {spec.Name}.onnx {bytes.Length / 1024} KiB, {onnx.Nodes.Count} nodes, sha256 {entry.Sha256}");
        }

        var manifest = ManifestWriter.Write(version, entries);
        File.WriteAllBytes(Path.Combine(outDir, "manifest.json"), manifest);

        if (!options.TryGetValue("manifest", out var committed))
        {
            return ExitOk;
        }

        if (options.ContainsKey("update-manifest"))
        {
            File.WriteAllBytes(committed, manifest);
            stdout.WriteLine($"[models] wrote {committed}");
            return ExitOk;
        }

        var expected = ReadHashes(committed);
        var mismatches = entries.Where(e => !expected.TryGetValue(e.Spec.Name, out var hash) || hash != e.Sha256).ToList();
        foreach (var mismatch in mismatches)
        {
            stderr.WriteLine($"[models] {mismatch.Spec.Name}.onnx sha256 {mismatch.Sha256} differs from {committed} " +
                $"({expected.GetValueOrDefault(mismatch.Spec.Name, "missing")}): the converter or the source package changed. " +
                "Run the parity tests, then refresh the manifest with --update-manifest.");
        }

        return mismatches.Count == 0 ? ExitOk : ExitHashMismatch;
    }

    /// <summary>name → sha256 from a manifest.json.</summary>
    public static Dictionary<string, string> ReadHashes(string manifestPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        return document.RootElement.GetProperty("models").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("sha256").GetString()!);
    }

    private static string ReadPackageVersion(string modelsDir)
    {
        var packageJson = Path.Combine(modelsDir, "..", "package.json");
        if (!File.Exists(packageJson))
        {
            return "unknown";
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(packageJson));
        return document.RootElement.TryGetProperty("version", out var v) ? v.GetString() ?? "unknown" : "unknown";
    }

    private static Dictionary<string, string>? ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            var key = args[i][2..];
            if (key == "update-manifest")
            {
                options[key] = "true";
            }
            else if (i + 1 < args.Length)
            {
                options[key] = args[++i];
            }
            else
            {
                return null;
            }
        }

        return options;
    }
}
