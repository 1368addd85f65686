using System.Text.RegularExpressions;
using System.Xml.Linq;
using SecureCall.Tests.Shared;

namespace SecureCall.WebFrontend.Tests.Hosting;

/// <summary>
/// The projects' references are the picture README draws, and no namespace (of the product's code, tests aside)
/// depends on itself through others. Read from the sources, so a new shortcut fails here before anyone builds on it.
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>Cycles that exist today and wait for their move (issue 27, item 3); README names them. Remove a line when it is gone.</summary>
    private static readonly string[] KnownCycles = ["SecureCall.Grains.Identity <-> SecureCall.Grains.Verification"];

    [Fact]
    public void ProjectReferences_AreThePictureInReadme()
    {
        var drawn = ReadmePicture();
        var actual = ProductProjects().ToDictionary(p => p.Name, p => p.References);

        var missing = drawn.Keys.Except(actual.Keys).Select(name => $"{name}: in README, no such project");
        var undrawn = actual.Keys.Except(drawn.Keys).Select(name => $"{name}: a project README does not show");
        var differing = actual.Keys.Intersect(drawn.Keys)
            .Where(name => !actual[name].SetEquals(drawn[name]))
            .Select(name => $"{name}: references {Describe(actual[name])}, README shows {Describe(drawn[name])}");
        Assert.True(!missing.Concat(undrawn).Concat(differing).Any(), "README's project picture and the .csproj files differ:\n"
            + string.Join("\n", missing.Concat(undrawn).Concat(differing)));
    }

    [Fact]
    public void Namespaces_HaveNoCycleButTheKnownOnes()
    {
        var cycles = NamespaceCycles().Select(cycle => string.Join(" <-> ", cycle)).ToList();

        Assert.True(cycles.ToHashSet().SetEquals(KnownCycles),
            "Namespace cycles now: " + (cycles.Count == 0 ? "none" : string.Join("; ", cycles)) + ". Known: " + string.Join("; ", KnownCycles));
    }

    [Fact]
    public void NamespaceReading_SeesAUsingAndAQualifiedName_ButNotAStringOrAComment()
    {
        const string source = """
            using SecureCall.Alpha;
            namespace SecureCall.Beta;
            // SecureCall.Gamma is mentioned here only
            class C { string s = "SecureCall.Delta"; SecureCall.Epsilon.Thing t; }
            """;

        var (name, uses) = ReadNamespace(source);

        Assert.Equal("SecureCall.Beta", name);
        Assert.Equal(["SecureCall.Alpha", "SecureCall.Epsilon.Thing"], uses.Order());
    }

    private static Dictionary<string, HashSet<string>> ReadmePicture()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var block = PictureBlock().Match(readme);
        Assert.True(block.Success, "README.md has no project-references block.");
        return block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split("->", 2, StringSplitOptions.TrimEntries))
            .ToDictionary(
                parts => parts[0],
                parts => parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet());
    }

    /// <summary>Every project outside tests/, by its name without the SecureCall. prefix, with the projects it references.</summary>
    private static IEnumerable<(string Name, HashSet<string> References)> ProductProjects() =>
        Directory.EnumerateFiles(RepositoryRoot.Path, "SecureCall.*.csproj", SearchOption.AllDirectories)
            .Where(path => !IsUnder(path, "tests") && !IsUnder(path, "node_modules") && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(path => (ShortName(path), XDocument.Load(path).Descendants("ProjectReference")
                .Select(reference => ShortName(reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar)))
                .ToHashSet()));

    private static List<List<string>> NamespaceCycles()
    {
        var sources = Directory.EnumerateFiles(RepositoryRoot.Path, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsUnder(path, "tests") && !IsUnder(path, "node_modules")
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(path => ReadNamespace(File.ReadAllText(path)))
            .Where(file => file.Name is not null)
            .ToList();
        var known = sources.Select(file => file.Name!).ToHashSet();
        var edges = known.ToDictionary(name => name, _ => new HashSet<string>());
        foreach (var (name, uses) in sources)
        {
            foreach (var target in uses.Select(used => Owner(used, known)).OfType<string>().Where(target => target != name))
            {
                edges[name!].Add(target);
            }
        }
        return StronglyConnected(edges).Where(component => component.Count > 1).Select(component => component.Order().ToList()).ToList();
    }

    /// <summary>A file's namespace and the SecureCall names it uses (using directives and qualified names; strings and comments aside).</summary>
    internal static (string? Name, List<string> Uses) ReadNamespace(string source)
    {
        var code = Comments().Replace(Strings().Replace(source, "\"\""), "");
        var name = FileNamespace().Match(code) is { Success: true } match ? match.Groups[1].Value : null;
        var uses = UsingDirective().Matches(code).Select(m => m.Groups[1].Value)
            .Concat(QualifiedName().Matches(FileNamespace().Replace(UsingDirective().Replace(code, ""), "")).Select(m => m.Value))
            .Distinct()
            .ToList();
        return (name, uses);
    }

    /// <summary>The longest known namespace that <paramref name="used"/> is or lies in.</summary>
    private static string? Owner(string used, HashSet<string> known) =>
        known.Where(name => used == name || used.StartsWith(name + ".", StringComparison.Ordinal)).MaxBy(name => name.Length);

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> edges)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in edges[node])
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }
            if (low[node] == index[node])
            {
                var component = new List<string>();
                string popped;
                do
                {
                    popped = stack.Pop();
                    component.Add(popped);
                }
                while (popped != node);
                components.Add(component);
            }
        }
        foreach (var node in edges.Keys.Order().Where(node => !index.ContainsKey(node)))
        {
            Visit(node);
        }
        return components;
    }

    private static bool IsUnder(string path, string folder) =>
        Path.GetRelativePath(RepositoryRoot.Path, path).Split(Path.DirectorySeparatorChar).Contains(folder);

    private static string ShortName(string path) => Path.GetFileNameWithoutExtension(path).Replace("SecureCall.", "", StringComparison.Ordinal);

    private static string Describe(HashSet<string> references) => references.Count == 0 ? "nothing" : string.Join(", ", references.Order());

    [GeneratedRegex(@"<!-- project-references[^>]*-->\s*```text\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PictureBlock();

    [GeneratedRegex(@"""""""[\s\S]*?""""""|@""(?:[^""]|"""")*""|""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex Strings();

    [GeneratedRegex(@"//[^\n]*|/\*[\s\S]*?\*/")]
    private static partial Regex Comments();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(SecureCall[\w.]*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"\bSecureCall(?:\.[A-Z]\w*)+")]
    private static partial Regex QualifiedName();
}
