using Xunit.Sdk;

namespace SecureCall.Cluster.Tests.Shutdown;

/// <summary>The shutdown tests' reading of <c>verify-audit</c> fails on every report but an intact log whose head checkpoint is at its last record.</summary>
public sealed class ShutdownChecksTests
{
    private const string Path = "Audit log in SQLite database /tmp/x/securecall.db\n";

    [Fact]
    public void HeadCheckpoint_AtTheLastRecord_Passes() =>
        Assert.Equal(28, ShutdownChecks.AssertHeadCheckpointCoversLastRecord(0,
            Path + "OK: audit log intact, 28 records checked, last record 28, head checkpoint at record 28 of 2026-12-07T05:04:21.0000000+00:00."));

    [Theory]
    [InlineData(0, "OK: audit log intact, 29 records checked, last record 29, head checkpoint at record 28 of 2026-12-07T05:04:21.0000000+00:00.")]
    [InlineData(0, "OK: audit log intact, 29 records checked, last record 29, no head checkpoint yet.")]
    [InlineData(2, "FAILED: TailMissing at record 29: the head checkpoint is past the last record (28 records checked before it; head checkpoint at record 29 of 2026-12-07T05:04:21.0000000+00:00.)")]
    [InlineData(2, "OK: audit log intact, 28 records checked, last record 28, head checkpoint at record 28 of 2026-12-07T05:04:21.0000000+00:00.")]
    [InlineData(0, "")]
    public void Any_other_report_or_exit_code_fails(int exitCode, string report) =>
        Assert.Throws<TrueException>(() => ShutdownChecks.AssertHeadCheckpointCoversLastRecord(exitCode, Path + report));
}
