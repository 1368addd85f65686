using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>Issue 24, item 6: a missed attempt is named in terms a person can act on, and a still picture is told apart.</summary>
public sealed class ChallengeMissClassifierTests
{
    private static readonly DetectorThresholds Thresholds = new();

    [Fact]
    public void StillPicture_NothingMovesAtAll_IsNoLiveFace()
    {
        var frames = Frames(40, _ => FaceSequence.Rest());

        Assert.Equal(ChallengeMissReason.NoLiveFace, Classify(ChallengeKind.Blink, frames));
    }

    [Fact]
    public void LiveFaceThatSwaysButNeverBlinks_IsNotSeen_NotAStillPicture()
    {
        var frames = Frames(40, i => FaceSequence.Rest() with { Yaw = Sway(i), Pitch = -Sway(i) });

        Assert.Equal(ChallengeMissReason.NotSeen, Classify(ChallengeKind.Blink, frames));
    }

    [Fact]
    public void TurnThatStopsShortOfTheThreshold_IsTooSmall()
    {
        var frames = Frames(40, i => FaceSequence.Rest() with { Yaw = i is > 10 and < 20 ? 0.7f * Thresholds.TurnDegrees : Sway(i) });

        Assert.Equal(ChallengeMissReason.TooSmall, Classify(ChallengeKind.TurnHeadLeft, frames));
        Assert.Equal(ChallengeMissReason.NotSeen, Classify(ChallengeKind.TurnHeadRight, frames));
    }

    [Fact]
    public void MovementFarEnoughButNotTaken_IsNotSmooth()
    {
        var frames = Frames(40, i => FaceSequence.Rest() with { MouthOpening = i is > 10 and < 14 ? 0.3f : 0.04f + Sway(i) / 100 });

        Assert.Equal(ChallengeMissReason.NotSmooth, Classify(ChallengeKind.OpenMouth, frames));
    }

    [Fact]
    public void FaceMissingInMostFrames_IsNoFace()
    {
        var frames = Frames(40, i => FaceSequence.Rest() with { FaceFound = i % 4 == 0 });

        Assert.Equal(ChallengeMissReason.NoFace, Classify(ChallengeKind.Nod, frames));
    }

    [Fact]
    public void FailedByTheDetectorNotByTheClock_IsOther()
    {
        var frames = Frames(40, _ => FaceSequence.Rest());

        Assert.Equal(ChallengeMissReason.Other,
            ChallengeMissClassifier.Classify(ChallengeKind.Nod, Frames(4, _ => FaceSequence.Rest()), frames, timedOut: false, Thresholds));
    }

    private static ChallengeMissReason Classify(ChallengeKind kind, IReadOnlyList<FaceObservation> answer) =>
        ChallengeMissClassifier.Classify(kind, Frames(4, _ => FaceSequence.Rest()), answer, timedOut: true, Thresholds);

    private static List<FaceObservation> Frames(int count, Func<int, FaceObservation> frame) =>
        Enumerable.Range(0, count).Select(i => frame(i) with { TimestampMs = i * FaceSequence.FrameIntervalMs }).ToList();

    /// <summary>A person at rest sways by a degree or two.</summary>
    private static float Sway(int i) => 1.2f * MathF.Sin(i / 3f);
}
