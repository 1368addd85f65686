using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Options;
using SecureCall.Tests.Shared;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>
/// Issue 24, item 5: once a face is enrolled, a session is a face unlock: it draws 1-2 challenges (the match against
/// the template is required as well); without a face it draws the full 3-5. Default settings.
/// </summary>
public sealed class FaceUnlockSessionTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Start_WithAnEnrolledFace_DrawsOneOrTwoChallenges_WithoutOne_ThreeToFive()
    {
        var enrolled = fixture.Client.GetGrain<IUserGrain>("unlock-short");
        await enrolled.CreatePasswordAccountAsync(null, "a long enough password");
        using var face = await SampleFaceFrames.LoadAsync(fixture.Client, RepositoryPaths.Root, 3);
        await enrolled.EnrollFaceFromFramesAsync(fixture.SignedIn("unlock-short"), [face.Rest(), face.Rest()]);
        await fixture.Client.GetGrain<IUserGrain>("no-face-yet").CreatePasswordAccountAsync(null, "a long enough password");

        var unlock = await Start("unlock-short-1", "unlock-short");
        var first = await Start("first-session-1", "no-face-yet");

        Assert.InRange(unlock.ChallengesTotal, VerificationOptions.DefaultFaceUnlockMinChallenges, VerificationOptions.DefaultFaceUnlockMaxChallenges);
        Assert.InRange(first.ChallengesTotal, VerificationOptions.DefaultMinChallenges, VerificationOptions.DefaultMaxChallenges);
    }

    private Task<VerificationStatus> Start(string sessionId, string userId) =>
        fixture.Client.GetGrain<IVerificationSessionGrain>(sessionId).StartAsync(userId, fixture.SignedIn(userId));
}
