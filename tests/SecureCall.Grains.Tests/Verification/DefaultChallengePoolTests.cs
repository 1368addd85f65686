using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Options;
using SecureCall.Tests.Shared;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>Issue 24's rule: no kind in the default pool without a genuine stand-in that passes it end to end.</summary>
public sealed class DefaultChallengePoolTests
{
    [Fact]
    public void DefaultPool_HoldsOnlyKindsTheRenderedHeadPasses()
    {
        var pool = new VerificationOptions().AllowedKinds;

        // The rendered head's performable kinds are the ones with whole-session evidence (benchmark, browser suite).
        Assert.All(pool, kind => Assert.Contains(kind, RenderedHead.Performable));
        Assert.DoesNotContain(ChallengeKind.Smile, pool);
    }

    [Fact]
    public void OperatorNamingSmile_StillGetsIt()
    {
        var options = new VerificationOptions { AllowedChallenges = "Smile,Blink,Nod" };

        Assert.Equal([ChallengeKind.Smile, ChallengeKind.Blink, ChallengeKind.Nod], options.AllowedKinds);
    }
}
