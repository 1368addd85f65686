namespace SecureCall.Grains.Tests.Infrastructure;

/// <summary>Files of the repository the tests need: converted models and the sample photos fetched by models/prepare.sh.</summary>
public static class RepositoryPaths
{
    public static string Root => SecureCall.Tests.Shared.RepositoryRoot.Path;

    public static string ModelOutput => Path.Combine(Root, "models", "out");

    public static string SamplePhoto(int number) =>
        Path.Combine(Root, "models", "node_modules", "@vladmandic", "face-api", "demo", $"sample{number}.jpg");
}
