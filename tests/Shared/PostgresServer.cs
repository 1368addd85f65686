using System.Diagnostics;

namespace SecureCall.Tests.Shared;

/// <summary>
/// A private, throw-away PostgreSQL server for tests: initdb into a temp directory, trust authentication, listening on
/// 127.0.0.1 and a private socket directory only, stopped and deleted at the end. Uses the Debian postgresql package's
/// binaries (<c>test.sh</c> installs it when missing). As root (CI), the server runs as the <c>postgres</c> user, since PostgreSQL
/// refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _binDirectory;
    private readonly string _directory;
    private readonly bool _asPostgresUser;
    private int _databases;

    private PostgresServer(string binDirectory, string directory, int port, bool asPostgresUser)
    {
        _binDirectory = binDirectory;
        _directory = directory;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    /// <summary>Connection string of the server's maintenance database.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20;Timeout=10";

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinDirectory();
        var asPostgresUser = Environment.UserName == "root";
        var directory = Directory.CreateTempSubdirectory("securecall-pg-").FullName;
        var data = Path.Combine(directory, "data");
        var sockets = Path.Combine(directory, "sock");
        Directory.CreateDirectory(sockets);
        if (asPostgresUser)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory], asPostgresUser: false);
        }
        var port = FreePorts.Next();
        var server = new PostgresServer(bin, directory, port, asPostgresUser);
        await server.RunToolAsync("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
        // fsync off: the tests kill silos, never the database; durability of PostgreSQL itself is not what they test.
        await server.RunToolAsync("pg_ctl", ["-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300"]);
        return server;
    }

    /// <summary>Creates an empty database with a fresh name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "securecall")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}".ToLowerInvariant();
        name = name[..Math.Min(name.Length, 63)];
        await RunToolAsync("createdb", ["-h", "127.0.0.1", "-p", Port.ToString(), "-U", "postgres", name]);
        return ConnectionString(name);
    }

    /// <summary>Runs SQL through psql (for tests that need to act outside the application, as an operator or attacker would).</summary>
    public Task<string> PsqlAsync(string connectionString, string sql)
    {
        var database = connectionString.Split(';').First(p => p.StartsWith("Database=", StringComparison.Ordinal))["Database=".Length..];
        return RunToolAsync("psql", ["-h", "127.0.0.1", "-p", Port.ToString(), "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql]);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunToolAsync("pg_ctl", ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private Task<string> RunToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binDirectory, tool);
        if (!File.Exists(path))
        {
            // psql and createdb are in the client package's bin directory too; fall back to PATH.
            path = tool;
        }
        return RunAsync(path, arguments, _asPostgresUser);
    }

    private static async Task<string> RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgresUser)
    {
        var start = asPostgresUser ? new ProcessStartInfo("runuser") : new ProcessStartInfo(file);
        if (asPostgresUser)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        // pg_ctl keeps the server's inherited handles: read to the end only for tools that exit with their output.
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
        return (await output).Trim();
    }

    private static string FindBinDirectory()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("SECURECALL_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")));
        }
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin or SECURECALL_PG_BIN. " +
                "Install Debian's postgresql package (test.sh does).");
    }
}
