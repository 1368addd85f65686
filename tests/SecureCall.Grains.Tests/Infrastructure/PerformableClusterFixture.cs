namespace SecureCall.Grains.Tests.Infrastructure;

/// <summary>
/// A cluster with the default proof-of-life settings (the default pool: the eight kinds the rendered head performs),
/// except that sessions draw exactly 3 challenges, as the verify benchmark does.
/// </summary>
public sealed class PerformableClusterFixture : ClusterFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("SecureCall:Verification:MinChallenges", "3"),
        new("SecureCall:Verification:MaxChallenges", "3"),
    ];
}
