using System.Text.RegularExpressions;
using SecureCall.Tests.Shared;

namespace SecureCall.Cluster.Tests.Shutdown;

/// <summary>What a clean stop on SIGTERM leaves behind, checked the same way for the standalone host and a headless silo.</summary>
public static partial class ShutdownChecks
{
    /// <summary>
    /// The hosts' graceful-shutdown budget: neither sets <c>HostOptions.ShutdownTimeout</c> (nor
    /// <c>shutdownTimeoutSeconds</c>), so it is the .NET default of 30 s.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Beyond <see cref="ShutdownTimeout"/>: the runtime's own exit after the host has stopped (finalisers, native
    /// libraries unloading, the final flush of the console), on a busy 2-core machine.
    /// </summary>
    public static readonly TimeSpan ExitMargin = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Text a host prints when it dies or its shutdown goes wrong: the runtime's report of an unhandled exception
    /// (<c>Unhandled exception.</c>) and any other "unhandled" error, a native crash or abort, a critical log, an error
    /// logged by the application's own code (a cue lane or model call still running after the stop, a failed flush or
    /// checkpoint; Orleans' own errors about messages to a stopping silo are expected), and the two ways issue 23 saw
    /// the shutdown checkpoint lost (written after the database was closed, or failing).
    /// </summary>
    private static readonly string[] CrashMarkers =
    [
        "Unhandled", "unhandled", "Fatal error", "Segmentation fault", "SIGSEGV", "SIGABRT", "core dumped", "Process terminated",
        "crit:", "fail: SecureCall.", "database is already closed", "Audit head checkpoint failed", "Audit head checkpoint skipped",
    ];

    /// <summary>
    /// Waits for <paramref name="host"/> to exit by itself after the SIGTERM sent <paramref name="since"/> ago; kills it
    /// if it overstays (so the test ends) and fails. Then: exit code 0 and no crash text in its output.
    /// </summary>
    public static async Task AssertExitedCleanlyAsync(DotnetProcess host, System.Diagnostics.Stopwatch since)
    {
        var exited = await host.WaitForExitAsync(ShutdownTimeout + ExitMargin - since.Elapsed);
        var took = since.Elapsed;
        if (!exited)
        {
            host.Kill();
        }
        var log = host.Log;
        TestContext.Current.TestOutputHelper!.WriteLine($"{host.Name}: SIGTERM -> {(exited ? $"exit code {host.ExitCode}" : "still running, killed")} after {took.TotalSeconds:F1} s; its output ends:\n{Tail(log, 4000)}");
        Assert.True(exited, $"{host.Name} did not exit within {(ShutdownTimeout + ExitMargin).TotalSeconds:F0} s of SIGTERM (shutdown timeout {ShutdownTimeout.TotalSeconds:F0} s + {ExitMargin.TotalSeconds:F0} s):\n{Tail(log)}");
        Assert.True(host.ExitCode == 0, $"{host.Name} exited with code {host.ExitCode}{Signal(host.ExitCode)} {took.TotalSeconds:F1} s after SIGTERM:\n{Tail(log)}");
        var crash = log.Split('\n').Where(line => CrashMarkers.Any(marker => line.Contains(marker, StringComparison.Ordinal))).Take(10).ToList();
        Assert.True(crash.Count == 0, $"{host.Name} exited with code 0 but its output reports a crash or a lost shutdown checkpoint:\n{string.Join("\n", crash)}\n----- output\n{Tail(log)}");
    }

    /// <summary>
    /// <c>verify-audit</c>'s report (<see cref="SecureCall.Hosting.AuditVerifyCommand.Describe"/>): exit code 0, the
    /// chain intact, and a head checkpoint at the last record, so no record written before the stop is outside the
    /// signed head. Returns the last record's number.
    /// </summary>
    public static long AssertHeadCheckpointCoversLastRecord(int exitCode, string report)
    {
        TestContext.Current.TestOutputHelper!.WriteLine("verify-audit: " + report.Trim());
        Assert.True(exitCode == 0, $"verify-audit exited with {exitCode}:\n{report}");
        var ok = VerifiedReport().Match(report);
        Assert.True(ok.Success, $"verify-audit did not report an intact log with a head checkpoint:\n{report}");
        var last = long.Parse(ok.Groups["last"].Value);
        var head = long.Parse(ok.Groups["head"].Value);
        Assert.True(head == last, $"the head checkpoint is at record {head} but the last record is {last}: the shutdown did not sign the head it left\n{report}");
        return last;
    }

    private static string Signal(int exitCode) => exitCode switch
    {
        134 => " (SIGABRT)",
        137 => " (SIGKILL)",
        139 => " (SIGSEGV)",
        143 => " (SIGTERM, unhandled)",
        _ => "",
    };

    private static string Tail(string log, int characters = 12000) => log.Length <= characters ? log : log[^characters..];

    [GeneratedRegex(@"OK: audit log intact, (?<records>\d+) records checked, last record (?<last>\d+), head checkpoint at record (?<head>\d+) of ")]
    private static partial Regex VerifiedReport();
}
