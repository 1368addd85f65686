using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureCall.FaceAnalysis;

namespace SecureCall.Hosting;

/// <summary>
/// Makes relative model paths absolute. A relative path (the default <c>models/out</c>) is looked up in the working
/// directory, then in the content root and each folder above it, then in the folder of the program and each folder
/// above it; the first that exists wins. So <c>dotnet run --project WebFrontend</c> (which starts in WebFrontend/)
/// finds the repository's <c>models/out</c> as well as a start from the repository root does. When none exists the
/// working-directory candidate is kept, and the error on first use names that absolute path.
/// </summary>
public sealed class ModelPathResolver(IHostEnvironment? environment = null) : IPostConfigureOptions<FaceAnalysisOptions>
{
    public void PostConfigure(string? name, FaceAnalysisOptions options)
    {
        options.ModelDirectory = Resolve(options.ModelDirectory, isDirectory: true);
        options.BlazeFacePath = ResolveOptional(options.BlazeFacePath);
        options.FaceMeshPath = ResolveOptional(options.FaceMeshPath);
        options.EmotionPath = ResolveOptional(options.EmotionPath);
        options.AntiSpoofPath = ResolveOptional(options.AntiSpoofPath);
        options.LivenessPath = ResolveOptional(options.LivenessPath);
        options.DeepfakePath = ResolveOptional(options.DeepfakePath);
        options.FaceResPath = ResolveOptional(options.FaceResPath);
    }

    /// <summary>Where a relative path is looked for, in order (absolute folders, without duplicates).</summary>
    public IReadOnlyList<string> SearchRoots()
    {
        var roots = new List<string> { Directory.GetCurrentDirectory() };
        if (environment is { ContentRootPath: { Length: > 0 } contentRoot })
        {
            roots.AddRange(SelfAndAncestors(contentRoot));
        }
        roots.AddRange(SelfAndAncestors(AppContext.BaseDirectory));
        return roots.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
    }

    private string? ResolveOptional(string? path) => string.IsNullOrWhiteSpace(path) ? path : Resolve(path, isDirectory: false);

    private string Resolve(string path, bool isDirectory)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }
        var roots = SearchRoots();
        foreach (var root in roots)
        {
            var candidate = Path.GetFullPath(Path.Combine(root, path));
            if (isDirectory ? Directory.Exists(candidate) : File.Exists(candidate))
            {
                return candidate;
            }
        }
        return Path.GetFullPath(Path.Combine(roots[0], path));
    }

    private static IEnumerable<string> SelfAndAncestors(string path)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(path)); directory is not null; directory = directory.Parent)
        {
            yield return directory.FullName;
        }
    }
}
