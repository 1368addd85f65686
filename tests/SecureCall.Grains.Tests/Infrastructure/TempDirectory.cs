namespace SecureCall.Grains.Tests.Infrastructure;

/// <summary>A scratch directory removed when the test is done.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("securecall-test-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A silo that is still shutting down may hold a file; the OS temp cleaner takes it later.
        }
    }
}
