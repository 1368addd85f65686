namespace SecureCall.Models.Tests.Infrastructure;

/// <summary>Locates the repository root (the folder holding the solution) from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root => SecureCall.Tests.Shared.RepositoryRoot.Path;

    public static string ModelsDir => Path.Combine(Root, "models");

    public static string OutDir => Path.Combine(ModelsDir, "out");

    public static string ParityDir => Path.Combine(OutDir, "parity");

    public static string CommittedManifest => Path.Combine(ModelsDir, "manifest.json");
}
