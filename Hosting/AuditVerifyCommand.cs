using Microsoft.Extensions.DependencyInjection;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Security.Audit;

namespace SecureCall.Hosting;

/// <summary>
/// The <c>verify-audit</c> command of both hosts (<c>SecureCall.WebFrontend.dll verify-audit</c>,
/// <c>SecureCall.Silo.dll verify-audit</c>): checks the audit chain in the configured database against its signed
/// checkpoints, prints OK with counts or the first defect, and gives the process's exit code. It reads the
/// database only and starts no silo, so it may run beside the server.
/// </summary>
public static class AuditVerifyCommand
{
    /// <summary>The command's name, the host's first argument.</summary>
    public const string Name = "verify-audit";

    /// <summary>Exit code of an intact log.</summary>
    public const int Intact = 0;

    /// <summary>Exit code of a log with a defect (edited, deleted or cut-off records, a bad checkpoint).</summary>
    public const int Broken = 2;

    /// <summary>Verifies the log of <paramref name="services"/> (a built, not necessarily started, host) and reports to <paramref name="output"/>.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        // Where first: a mistyped data directory or server shows as an empty log somewhere unexpected, not as a clean bill.
        var log = services.GetRequiredService<IAuditLog>();
        await output.WriteLineAsync($"Audit log in {log.Location}").ConfigureAwait(false);
        var result = await log.VerifyAsync().ConfigureAwait(false);
        await output.WriteLineAsync(Describe(result)).ConfigureAwait(false);
        return result.IsIntact ? Intact : Broken;
    }

    /// <summary>One line for an operator: OK with counts, or FAILED with the defect and where it is.</summary>
    public static string Describe(AuditVerification result)
    {
        var head = result.HeadCheckpointSequence is { } sequence
            ? $"head checkpoint at record {sequence} of {result.HeadCheckpointAt:O}"
            : "no head checkpoint yet";
        return result.IsIntact
            ? $"OK: audit log intact, {result.RecordsChecked} records checked, last record {result.LastSequence?.ToString() ?? "none"}, {head}."
            : $"FAILED: {result.Finding} at record {result.FirstBadSequence?.ToString() ?? "-"}: {result.Reason} ({result.RecordsChecked} records checked before it; {head}.)";
    }
}
