namespace SecureCall.Grains.Tests.Infrastructure;

/// <summary>
/// A cluster whose operator restricted sessions to the two head turns (what photo sequences can answer). The tests
/// feed recorded sequences back to back on a clock that does not move, so the per-session frame rate is lifted here
/// (it has its own tests), and embeddings come every 5 frames, as short sequences need.
/// </summary>
public sealed class HeadTurnClusterFixture : ClusterFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("SecureCall:Verification:AllowedChallenges", "TurnHeadLeft,TurnHeadRight"),
        new("SecureCall:Verification:MinChallenges", "2"),
        new("SecureCall:Verification:MaxChallenges", "2"),
        new("SecureCall:Verification:FramesPerSecond", "100000"),
        new("SecureCall:Verification:EmbeddingEveryFrames", "5"),
    ];
}
