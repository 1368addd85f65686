namespace SecureCall.Grains.Tests.Infrastructure;

/// <summary>A scripted-analysis cluster whose operator allows one retry per challenge (<c>RetriesPerChallenge</c> 1).</summary>
public sealed class RetryOnceClusterFixture : ScriptedFaceClusterFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [.. base.Settings, new("SecureCall:Verification:RetriesPerChallenge", "1")];
}
