using System.Text.RegularExpressions;

namespace SecureCall.Tests.Shared;

/// <summary>
/// The MediaPipe face-mesh triangulation (880 triangles over the 468 landmarks), read at test time from the
/// <c>TRI468</c> array of the <c>@vladmandic/human</c> npm package (MIT) that models/prepare.sh installs, so no
/// third-party data is committed here. The eye surfaces are covered by triangles; the mouth between the inner lips
/// is a hole.
/// </summary>
public static partial class FaceMeshTriangulation
{
    public const int TriangleCount = 880;

    /// <summary>Where models/prepare.sh puts the package source that holds <c>TRI468</c>.</summary>
    public static string SourcePath(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "models", "node_modules", "@vladmandic", "human", "src", "face", "facemeshcoords.ts");

    /// <summary>Vertex indices, three per triangle.</summary>
    public static int[] Load(string repositoryRoot)
    {
        var path = SourcePath(repositoryRoot);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: run models/prepare.sh", path);
        }
        var match = Tri468().Match(File.ReadAllText(path));
        if (!match.Success)
        {
            throw new InvalidDataException($"{path} has no TRI468 array.");
        }
        var indices = match.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(int.Parse).ToArray();
        if (indices.Length != TriangleCount * 3 || indices.Any(i => i is < 0 or >= 468))
        {
            throw new InvalidDataException($"{path}: TRI468 has {indices.Length} indices, expected {TriangleCount * 3} in 0–467.");
        }
        return indices;
    }

    [GeneratedRegex(@"export const TRI468: number\[\] = \[([^\]]*)\];")]
    private static partial Regex Tri468();
}
