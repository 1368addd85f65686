using SecureCall.ModelConverter;
using SecureCall.ModelConverter.Manifest;

namespace SecureCall.Models.Tests.Infrastructure;

/// <summary>
/// Checks once that models/prepare.sh has run: every converted model present with the hash recorded in
/// models/manifest.json, and the TF.js reference outputs written. Fails with the step to run otherwise.
/// </summary>
public sealed class PreparedModelsFixture
{
    public PreparedModelsFixture()
    {
        var problems = new List<string>();
        if (!File.Exists(RepositoryPaths.CommittedManifest))
        {
            problems.Add($"{RepositoryPaths.CommittedManifest} is missing");
        }
        else
        {
            foreach (var (name, expected) in ConverterCommand.ReadHashes(RepositoryPaths.CommittedManifest))
            {
                var path = Path.Combine(RepositoryPaths.OutDir, name + ".onnx");
                if (!File.Exists(path))
                {
                    problems.Add($"{path} is missing");
                }
                else if (ManifestWriter.Sha256(path) != expected)
                {
                    problems.Add($"{path} has sha256 {ManifestWriter.Sha256(path)}, manifest says {expected}");
                }
            }
        }

        if (!File.Exists(Path.Combine(RepositoryPaths.ParityDir, "index.json")))
        {
            problems.Add($"TF.js reference outputs {RepositoryPaths.ParityDir}/index.json are missing");
        }

        Problem = problems.Count == 0 ? null : "Face models are not prepared: " + string.Join("; ", problems) + ". Run models/prepare.sh (it fetches, converts and computes the parity references).";
    }

    /// <summary>Why the models are unusable, or null when they are ready.</summary>
    public string? Problem { get; }

    public void EnsureReady()
    {
        if (Problem is not null)
        {
            Assert.Fail(Problem);
        }
    }

    public static string ModelPath(string name) => Path.Combine(RepositoryPaths.OutDir, name + ".onnx");
}
