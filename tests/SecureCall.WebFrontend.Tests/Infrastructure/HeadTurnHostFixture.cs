namespace SecureCall.WebFrontend.Tests.Infrastructure;

/// <summary>A host whose operator restricted sessions to the two head turns (what photo sequences can answer).</summary>
public sealed class HeadTurnHostFixture : HostFixture
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("SecureCall:Verification:AllowedChallenges", "TurnHeadLeft,TurnHeadRight"),
        new("SecureCall:Verification:MinChallenges", "2"),
        new("SecureCall:Verification:MaxChallenges", "2"),
    ];
}
