using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>
/// The baseline is taken only from still, neutral frames at the person's rest: a still moment with the eyes held shut
/// or the head held turned (seen first in the browser suite, where the pause ended inside the camera's blink) would
/// turn the blink or turn the challenge asks for into a movement back to rest, which never counts.
/// </summary>
public sealed class ChallengeBaselineTests
{
    private static readonly DetectorThresholds Thresholds = new();

    /// <summary>Ten seconds of a face mostly at rest, as the session's history.</summary>
    private static readonly IReadOnlyList<FaceObservation> History =
        [.. Enumerable.Range(0, 150).Select(i => FaceSequence.Rest(i * 66) with { Yaw = i % 30 == 0 ? 25 : 0 })];

    private static List<FaceObservation> Still(Func<FaceObservation, FaceObservation> pose) =>
        [.. Enumerable.Range(0, 4).Select(i => pose(FaceSequence.Rest(10_000 + i * 66)))];

    [Fact]
    public void StillRestingFrames_AreABaseline()
    {
        Assert.Null(ChallengeBaseline.NotReady(Still(f => f), 4, Thresholds, History));
    }

    [Fact]
    public void EyesHeldShut_AreNotABaseline()
    {
        var shut = Still(f => f with { LeftEyeAspect = 0.21f, RightEyeAspect = 0.22f });

        Assert.Equal("open your eyes and look at the camera", ChallengeBaseline.NotReady(shut, 4, Thresholds, History));
    }

    [Theory]
    [InlineData(12f, 0f)]
    [InlineData(-12f, 0f)]
    [InlineData(0f, 8f)]
    public void HeadHeldTurned_IsNotABaseline(float yaw, float pitch)
    {
        var turned = Still(f => f with { Yaw = yaw, Pitch = pitch });

        Assert.Equal("look straight at the camera", ChallengeBaseline.NotReady(turned, 4, Thresholds, History));
    }

    [Fact]
    public void TooLittleHistory_IsNotYetABaseline()
    {
        var still = Still(f => f);

        Assert.Equal("hold still and look at the camera", ChallengeBaseline.NotReady(still, 4, Thresholds, [.. still.Skip(1)]));
    }

    [Fact]
    public void EyesShutForAMoment_AreNotTheRest()
    {
        // Twenty frames seen, the eyes shut in frames 15-18: those four still frames must not be the rest.
        var frames = Enumerable.Range(0, ChallengeBaseline.MinHistoryFrames).Select(i => FaceSequence.Rest(i * 66) with
        {
            LeftEyeAspect = i is >= 15 and < 19 ? 0.22f : 0.33f,
            RightEyeAspect = i is >= 15 and < 19 ? 0.22f : 0.33f,
        }).ToList();
        var last = frames.Skip(15).Take(4).ToList();

        Assert.Equal("open your eyes and look at the camera", ChallengeBaseline.NotReady(last, 4, Thresholds, frames));
    }

    [Fact]
    public void SmilingOrSurprisedRest_IsABaseline()
    {
        // A natural smile or raised brows at rest, as the emotion model reads them: the detectors measure from this rest.
        var smiling = Still(f => f with { Emotions = [0.01f, 0.01f, 0.01f, 0.9f, 0.01f, 0.01f, 0.05f] });
        var surprised = Still(f => f with { BrowRaise = 0.15f, Emotions = [0.01f, 0.01f, 0.01f, 0.01f, 0.01f, 0.9f, 0.05f] });

        Assert.Null(ChallengeBaseline.NotReady(smiling, 4, Thresholds, History));
        Assert.Null(ChallengeBaseline.NotReady(surprised, 4, Thresholds, History));
    }

    [Fact]
    public void MouthHeldOpen_IsNotABaseline_AndTheHintSaysWhatToDo()
    {
        var open = Still(f => f with { MouthOpening = 0.3f });

        Assert.Equal("close your mouth and look at the camera", ChallengeBaseline.NotReady(open, 4, Thresholds, History));
    }
}
