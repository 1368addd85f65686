using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Tests.Verification;

public sealed class ChallengeDetectorTests
{
    private static readonly DetectorThresholds Thresholds = new();

    public static TheoryData<ChallengeKind> Gestures =>
    [
        ChallengeKind.Blink, ChallengeKind.TurnHeadLeft, ChallengeKind.TurnHeadRight, ChallengeKind.LookUp,
        ChallengeKind.Nod, ChallengeKind.OpenMouth, ChallengeKind.RaiseEyebrows,
    ];

    public static TheoryData<ChallengeKind> All => [.. Enum.GetValues<ChallengeKind>()];

    [Theory]
    [MemberData(nameof(All))]
    public void Judge_MovementHeldThenReleased_Passes(ChallengeKind kind)
    {
        var frames = new FaceSequence().Resting(6).Add(4, f => Perform(kind, f)).Resting(3).Frames;

        var judgement = ChallengeDetector.Judge(kind, frames, Thresholds);

        Assert.Equal(ChallengeOutcome.Passed, judgement.Outcome);
        Assert.InRange(judgement.Strength, 0.01f, 1f);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Judge_SingleFrameSpike_DoesNotPass(ChallengeKind kind)
    {
        var frames = new FaceSequence().Resting(6).Add(1, f => Perform(kind, f, extreme: true)).Resting(6).Frames;

        Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(kind, frames, Thresholds).Outcome);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Judge_HeldOneFrameTooFew_DoesNotPass(ChallengeKind kind)
    {
        var frames = new FaceSequence().Resting(6).Add(ChallengeDetector.MinimumHeldFrames - 1, f => Perform(kind, f)).Resting(4).Frames;

        Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(kind, frames, Thresholds).Outcome);
    }

    [Theory]
    [MemberData(nameof(Gestures))]
    public void Judge_GestureNeverReturned_IsPendingWithHint(ChallengeKind kind)
    {
        var frames = new FaceSequence().Resting(6).Add(8, f => Perform(kind, f)).Frames;

        var judgement = ChallengeDetector.Judge(kind, frames, Thresholds);

        Assert.Equal(ChallengeOutcome.Pending, judgement.Outcome);
        Assert.Contains("back", judgement.Feedback);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Judge_StillFaceWithMeasurementNoise_DoesNotPass(ChallengeKind kind)
    {
        var frames = new FaceSequence(seed: (int)kind).Resting(60).WithNoise(degrees: 4, ratio: 0.02f).Frames;

        Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(kind, frames, Thresholds).Outcome);
    }

    [Theory]
    [InlineData(14f)]
    [InlineData(15.5f)]
    public void Judge_TurnAroundTheThreshold_PassesOnlyAboveIt(float degrees)
    {
        var frames = new FaceSequence().Resting(6).Add(4, f => f with { Yaw = degrees }).Resting(3).Frames;

        var outcome = ChallengeDetector.Judge(ChallengeKind.TurnHeadLeft, frames, Thresholds).Outcome;

        Assert.Equal(degrees >= Thresholds.TurnDegrees ? ChallengeOutcome.Passed : ChallengeOutcome.Pending, outcome);
    }

    [Fact]
    public void Judge_TurnToTheWrongSide_DoesNotPass()
    {
        var frames = new FaceSequence().Resting(6).Add(4, f => Perform(ChallengeKind.TurnHeadRight, f)).Resting(3).Frames;

        Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(ChallengeKind.TurnHeadLeft, frames, Thresholds).Outcome);
    }

    [Fact]
    public void Judge_SmileProbabilityWithoutMouthMovement_DoesNotPass()
    {
        // A replayed or synthetic stream that only fools the emotion model must also move the mouth.
        var frames = new FaceSequence().Resting(6).Add(6, f => f with { Emotions = [0, 0, 0, 0.95f, 0, 0, 0.05f] }).Frames;

        Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(ChallengeKind.Smile, frames, Thresholds).Outcome);
    }

    [Fact]
    public void Judge_FaceMissingFromMostFrames_IsPending()
    {
        var frames = new FaceSequence().Resting(3).Add(20, f => f with { FaceFound = false }).Frames;

        var judgement = ChallengeDetector.Judge(ChallengeKind.Blink, frames, Thresholds);

        Assert.Equal(ChallengeOutcome.Pending, judgement.Outcome);
        Assert.Contains("face", judgement.Feedback);
    }

    /// <summary>What each challenge looks like when performed; extreme = far beyond any threshold.</summary>
    internal static FaceObservation Perform(ChallengeKind kind, FaceObservation f, bool extreme = false)
    {
        var k = extreme ? 4f : 1.3f;
        var t = new DetectorThresholds();
        var rest = FaceSequence.Rest();
        return kind switch
        {
            ChallengeKind.Blink => f with { LeftEyeAspect = rest.LeftEyeAspect - t.BlinkDrop * k, RightEyeAspect = rest.RightEyeAspect - t.BlinkDrop * k },
            ChallengeKind.TurnHeadLeft => f with { Yaw = t.TurnDegrees * k },
            ChallengeKind.TurnHeadRight => f with { Yaw = -t.TurnDegrees * k },
            ChallengeKind.LookUp => f with { Pitch = t.PitchDegrees * k },
            ChallengeKind.Nod => f with { Pitch = -t.PitchDegrees * k },
            ChallengeKind.OpenMouth => f with { MouthOpening = rest.MouthOpening + t.MouthOpening * k },
            ChallengeKind.RaiseEyebrows => f with { BrowRaise = rest.BrowRaise + t.BrowRaise * k },
            ChallengeKind.Smile => f with { SmileWidth = rest.SmileWidth + t.SmileWidening * k, Emotions = [0, 0, 0, Math.Min(1, 0.6f * k), 0, 0, 0] },
            ChallengeKind.ShowSurprise => f with { MouthOpening = rest.MouthOpening + t.MouthOpening / 2 * k, Emotions = [0, 0, 0, 0, 0, Math.Min(1, 0.6f * k), 0] },
            _ => f,
        };
    }
}
