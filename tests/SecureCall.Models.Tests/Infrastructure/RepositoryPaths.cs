namespace SecureCall.Models.Tests.Infrastructure;

/// <summary>Locates the repository root (the folder holding the solution) from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ModelsDir => Path.Combine(Root, "models");

    public static string OutDir => Path.Combine(ModelsDir, "out");

    public static string ParityDir => Path.Combine(OutDir, "parity");

    public static string CommittedManifest => Path.Combine(ModelsDir, "manifest.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecureCall.Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (SecureCall.Orleans.sln) not found above " + AppContext.BaseDirectory);
    }
}
