using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using SecureCall.Hosting;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>
/// <c>verify-audit</c> of both hosts, run as the operator would (a process of its own on the server's data
/// directory): exit code 0 and OK for an intact log; after the newest records were cut off, non-zero and the missing
/// tail. The records cut were written after the host started, so only the checkpoint written at its shutdown vouches
/// for them.
/// </summary>
public sealed class AuditVerifyCommandTests : IDisposable
{
    private readonly TempDataDirectory _directory = new();

    [Fact]
    public async Task VerifyAudit_OfBothHosts_IsOkForAnIntactLog_AndFailsOnATailCutAfterTheShutdownCheckpoint()
    {
        var factory = new SecureCallFactory(_directory.Path, settings: new Dictionary<string, string>
        {
            ["Logging:LogLevel:SecureCall.Hosting.SiloShutdown"] = "Information",
        });
        await using (factory)
        {
            var http = factory.CreateClient();
            using var alice = new BrowserIdentity("alice-audit");
            Assert.Equal(HttpStatusCode.Created, (await alice.RegisterAsync(http)).StatusCode);
            await alice.LoginAsync(http);
        }
        SqliteConnection.ClearAllPools();
        // The test host's entry point disposes the host while the factory still stops it: the shutdown ran in order anyway.
        var logged = factory.Logs.Entries;
        Assert.Contains(logged, e => e.Message.Contains("cue lane joined, face models freed, audit head checkpoint at record", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, e => e.Category.StartsWith("SecureCall.", StringComparison.Ordinal) && e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.DoesNotContain(logged, e => e.Message.Contains("already closed", StringComparison.Ordinal));

        var (intactCode, intactOutput) = await RunAsync(WebFrontendDll);
        var last = await ExecuteAsync("SELECT MAX(seq) FROM audit_record");
        await ExecuteAsync("DELETE FROM audit_record WHERE seq = (SELECT MAX(seq) FROM audit_record)");
        var (webCode, webOutput) = await RunAsync(WebFrontendDll);
        var (siloCode, siloOutput) = await RunAsync(SiloDll);

        Assert.True(intactCode == 0, intactOutput);
        Assert.Contains($"Audit log in SQLite database {Path.Combine(_directory.Path, "securecall.db")}", intactOutput);
        Assert.Contains("OK: audit log intact", intactOutput);
        Assert.Contains($"head checkpoint at record {last}", intactOutput);
        Assert.Equal(AuditVerifyCommand.Broken, webCode);
        Assert.Contains($"FAILED: TailMissing at record {last}", webOutput);
        Assert.Equal(AuditVerifyCommand.Broken, siloCode);
        Assert.Contains($"FAILED: TailMissing at record {last}", siloOutput);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>The frontend as built beside this test (with its own runtimeconfig and deps).</summary>
    private static string WebFrontendDll => Path.Combine(AppContext.BaseDirectory, "SecureCall.WebFrontend.dll");

    /// <summary>The headless silo as the solution build left it, in this test's configuration.</summary>
    private static string SiloDll
    {
        get
        {
            // …/tests/SecureCall.WebFrontend.Tests/bin/{Configuration}/{tfm}/
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(SecureCallFactory.RepositoryRoot, "Silo", "bin", tfm.Parent!.Name, tfm.Name, "SecureCall.Silo.dll");
            Assert.True(File.Exists(path), $"{path} is missing: build the solution first.");
            return path;
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string dll)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory.Path,
        };
        foreach (var argument in (string[])[dll, AuditVerifyCommand.Name, $"--SecureCall:Storage:DataDirectory={_directory.Path}", "--Logging:LogLevel:Default=Warning"])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await errors);
    }

    private async Task<long> ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, "securecall.db")};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) is long value ? value : 0;
    }
}
