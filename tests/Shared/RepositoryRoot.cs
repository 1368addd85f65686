namespace SecureCall.Tests.Shared;

/// <summary>The folder holding SecureCall.Orleans.sln, found from the test binaries; linked into every test project.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SecureCall.Orleans.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Repository root (SecureCall.Orleans.sln) not found above " + AppContext.BaseDirectory);
    }
}
