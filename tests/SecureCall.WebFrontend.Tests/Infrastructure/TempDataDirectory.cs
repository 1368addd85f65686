namespace SecureCall.WebFrontend.Tests.Infrastructure;

/// <summary>A host data directory that disappears with the test.</summary>
public sealed class TempDataDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("securecall-web-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A host still shutting down may hold a file; the OS temp cleaner takes it later.
        }
    }
}
