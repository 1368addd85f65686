namespace SecureCall.Grains.Tests.Infrastructure;

/// <summary>Files of the repository the tests need: converted models and the sample photos fetched by models/prepare.sh.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ModelOutput => Path.Combine(Root, "models", "out");

    public static string SamplePhoto(int number) =>
        Path.Combine(Root, "models", "node_modules", "@vladmandic", "face-api", "demo", $"sample{number}.jpg");

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
