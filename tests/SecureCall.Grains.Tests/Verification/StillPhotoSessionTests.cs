using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Tests.Shared;
using SecureCall.WebFrontend.Realtime;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>A photo held still in front of the camera, with the real models and the default challenge pool (3–5 of its eight kinds).</summary>
public sealed class StillPhotoSessionTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task StillPhoto_FailsItsFirstChallengeAndTheSessionEndsThere()
    {
        using var frames = await SampleFaceFrames.LoadAsync(fixture.Client, RepositoryPaths.Root, 3);
        var status = await fixture.Client.GetGrain<IVerificationSessionGrain>("still-full").StartAsync("still-full-user", fixture.SignedIn("still-full-user"));
        var feeder = new SessionFrameFeeder(fixture.Client, "still-full", "still-full-user");
        var failed = new List<ChallengeKind>();

        while (status.State == VerificationState.Streaming)
        {
            var challenge = status.Current!;
            for (var i = 0; i < 20; i++)
            {
                // A camera's pace (the session takes at most 15 frames per second).
                fixture.Time.Advance(TimeSpan.FromMilliseconds(70));
                status = (await feeder.FeedAsync(frames.Still(), i, challenge.ChallengeId, challenge.Nonce)).Feedback!.Status;
            }
            Assert.Equal(challenge.ChallengeId, status.Current?.ChallengeId);
            fixture.Time.Advance(TimeSpan.FromSeconds(21));
            status = (await feeder.FeedAsync(frames.Still(), 21, challenge.ChallengeId, challenge.Nonce)).Feedback!.Status;
            failed.Add(challenge.Kind);
        }

        Assert.Equal(VerificationState.Failed, status.State);
        // The first challenge failed, was re-issued once (the default retry), and failed again.
        Assert.Equal(2, failed.Count);
        Assert.Single(failed.Distinct());
        Assert.Equal(0, status.ChallengesPassed);
        Assert.EndsWith("was not met", status.Reason);
        Assert.Null(status.Token);
    }
}
