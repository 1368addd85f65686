using SecureCall.Grains.Tests.Infrastructure;

namespace SecureCall.Grains.Tests.Storage;

public sealed class SqliteDatabaseTests : IAsyncLifetime
{
    private readonly ServiceFactory _services = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ExistingWorldReadableDatabase_IsTightenedTo600_AndItsDirectoryTo700()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var directory = new TempDirectory();
        var data = Path.Combine(directory.Path, "data");
        const UnixFileMode WorldReadable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        Directory.CreateDirectory(data, WorldReadable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var path = Path.Combine(data, "securecall.db");
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            await File.WriteAllBytesAsync(file, [], TestContext.Current.CancellationToken);
            File.SetUnixFileMode(file, WorldReadable);
        }

        await using (var database = new SecureCall.Storage.Sqlite.SqliteDatabase(
            Microsoft.Extensions.Options.Options.Create(new SecureCall.Options.StorageOptions { DataDirectory = data }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SecureCall.Storage.Sqlite.SqliteDatabase>.Instance))
        {
            await database.WriteAsync(session => session.Execute("CREATE TABLE t (v INTEGER)"));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.All(Directory.GetFiles(data), file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
    }

    [Fact]
    public async Task WriteInSlices_RunsSeparateWritesUntilOneFallsShort()
    {
        var database = _services.Database;
        await database.WriteAsync(session => session.Execute("CREATE TABLE sliced (n INTEGER)"));
        await database.WriteAsync(session => session.Execute(
            "INSERT INTO sliced WITH RECURSIVE up(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM up WHERE n < 7) SELECT n FROM up"));
        var writes = 0;

        var deleted = await database.WriteInSlicesAsync(session =>
        {
            writes++;
            return session.Execute("DELETE FROM sliced WHERE n IN (SELECT n FROM sliced LIMIT 3)");
        }, sliceSize: 3);

        Assert.Equal(7, deleted);
        Assert.Equal(3, writes);
    }

    [Fact]
    public async Task Write_FailingWriteInABatch_IsRolledBackAloneAndOthersCommit()
    {
        var database = _services.Database;
        await database.WriteAsync(s => s.Execute("CREATE TABLE t (v INTEGER NOT NULL)"));

        var writes = Enumerable.Range(0, 50).Select(i => database.WriteAsync(session =>
        {
            var insert = session.Command("INSERT INTO t (v) VALUES ($v)");
            insert.Parameters.AddWithValue("$v", i);
            insert.ExecuteNonQuery();
            if (i % 10 == 3)
            {
                throw new InvalidOperationException("refused");
            }
            return i;
        })).ToList();
        var outcomes = await Task.WhenAll(writes.Select(async w => { try { await w; return true; } catch (InvalidOperationException) { return false; } }));

        Assert.Equal(45, outcomes.Count(ok => ok));
        var stored = await database.ReadAsync(s => (long)s.Command("SELECT count(*) FROM t WHERE v % 10 = 3").ExecuteScalar()!);
        Assert.Equal(0, stored);
        Assert.Equal(45L, await database.ReadAsync(s => (long)s.Command("SELECT count(*) FROM t").ExecuteScalar()!));
    }

    [Fact]
    public async Task Write_AfterAFailedWrite_WriterKeepsWorking()
    {
        var database = _services.Database;
        await Assert.ThrowsAnyAsync<Exception>(() => database.WriteAsync(s => s.Execute("INSERT INTO no_such_table VALUES (1)")));

        var created = await database.WriteAsync(s => s.Execute("CREATE TABLE later (v INTEGER)"));

        Assert.Equal(0, created);
    }

    [Fact]
    public async Task CommittedWrites_ReachTheDatabaseFileWithoutWaitingForAWriterCheckpoint()
    {
        // 2 MB of rows stays far below the writer's own checkpoint threshold (64 MiB of WAL): only the background
        // checkpointer can move them from the WAL into the database file.
        var database = _services.Database;
        await database.WriteAsync(s => s.Execute("CREATE TABLE blob_rows (v BLOB NOT NULL)"));
        var before = new FileInfo(database.Path).Length;
        await Task.WhenAll(Enumerable.Range(0, 2000).Select(_ => database.WriteAsync(session =>
        {
            var insert = session.Command("INSERT INTO blob_rows (v) VALUES ($v)");
            insert.Parameters.AddWithValue("$v", new byte[1024]);
            return insert.ExecuteNonQuery();
        })));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new FileInfo(database.Path).Length < before + 2_000_000 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(new FileInfo(database.Path).Length >= before + 2_000_000, $"database file still {new FileInfo(database.Path).Length} bytes");
    }
}
