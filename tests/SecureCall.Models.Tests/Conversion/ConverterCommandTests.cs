using System.Text.Json.Nodes;
using SecureCall.ModelConverter;
using SecureCall.ModelConverter.Manifest;
using SecureCall.Models.Tests.Infrastructure;

namespace SecureCall.Models.Tests.Conversion;

/// <summary>The command line converts the real models reproducibly and fails loudly when hashes drift.</summary>
public sealed class ConverterCommandTests : IDisposable
{
    private static readonly string Source = Path.Combine(RepositoryPaths.ModelsDir, "node_modules", "@vladmandic", "human", "models");
    private readonly string _out = Directory.CreateTempSubdirectory("converter-out-").FullName;

    [Fact]
    public void MissingArguments_PrintUsage()
    {
        var stderr = new StringWriter();

        Assert.Equal(ConverterCommand.ExitUsage, ConverterCommand.Run(["--out", _out], TextWriter.Null, stderr));
        Assert.Contains("usage:", stderr.ToString());
    }

    [Fact]
    public void Conversion_ReproducesTheCommittedManifestHashes()
    {
        RequireSource();

        var exit = ConverterCommand.Run(["--source", Source, "--out", _out, "--manifest", RepositoryPaths.CommittedManifest, "--models", "emotion,liveness"], TextWriter.Null, TextWriter.Null);

        Assert.Equal(ConverterCommand.ExitOk, exit);
        var expected = ConverterCommand.ReadHashes(RepositoryPaths.CommittedManifest);
        Assert.Equal(expected["emotion"], ManifestWriter.Sha256(Path.Combine(_out, "emotion.onnx")));
        Assert.Equal(expected["liveness"], ManifestWriter.Sha256(Path.Combine(_out, "liveness.onnx")));
    }

    [Fact]
    public void HashDrift_ExitsWithCodeTwo_NamingTheModel()
    {
        RequireSource();
        var manifest = JsonNode.Parse(File.ReadAllText(RepositoryPaths.CommittedManifest))!;
        foreach (var model in manifest["models"]!.AsArray())
        {
            if ((string?)model!["name"] == "liveness")
            {
                model["sha256"] = new string('0', 64);
            }
        }

        var stale = Path.Combine(_out, "stale-manifest.json");
        File.WriteAllText(stale, manifest.ToJsonString());
        var stderr = new StringWriter();

        var exit = ConverterCommand.Run(["--source", Source, "--out", _out, "--manifest", stale, "--models", "liveness"], TextWriter.Null, stderr);

        Assert.Equal(ConverterCommand.ExitHashMismatch, exit);
        Assert.Contains("liveness.onnx", stderr.ToString());
    }

    [Fact]
    public void MissingSource_FailsWithoutThrowing()
    {
        var stderr = new StringWriter();

        var exit = ConverterCommand.Run(["--source", Path.Combine(_out, "nowhere"), "--out", _out, "--models", "emotion"], TextWriter.Null, stderr);

        Assert.Equal(ConverterCommand.ExitFailed, exit);
        Assert.Contains("emotion.json", stderr.ToString());
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static void RequireSource() =>
        Assert.True(File.Exists(Path.Combine(Source, "emotion.json")), $"{Source} is missing: run models/prepare.sh");
}
