using SecureCall.Tests.Shared;

namespace SecureCall.Grains.Tests.Infrastructure;

/// <summary>
/// A cluster with the default proof-of-life settings, except that sessions draw 3 challenges from the eight kinds
/// the rendered head can perform (it cannot smile convincingly), as the verify benchmark does.
/// </summary>
public sealed class PerformableClusterFixture : ClusterFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("SecureCall:Verification:AllowedChallenges", string.Join(',', RenderedHead.Performable)),
        new("SecureCall:Verification:MinChallenges", "3"),
        new("SecureCall:Verification:MaxChallenges", "3"),
    ];
}
