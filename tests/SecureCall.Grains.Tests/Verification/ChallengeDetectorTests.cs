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

    /// <summary>Every kind but the blink needs a gradual onset (a lid may close within one frame interval); every kind a gradual return.</summary>
    public static TheoryData<ChallengeKind> Gradual => [.. Enum.GetValues<ChallengeKind>().Where(k => k is not (ChallengeKind.Blink or ChallengeKind.Hidden))];

    public static TheoryData<ChallengeKind> All => [.. Enum.GetValues<ChallengeKind>().Where(k => k != ChallengeKind.Hidden)];

    [Theory]
    [MemberData(nameof(All))]
    public void Judge_MovementHeldThenReleased_Passes(ChallengeKind kind)
    {
        var frames = new FaceSequence().Resting(6).Move(f => Perform(kind, f)).Resting(3).Challenge();

        var judgement = ChallengeDetector.Judge(kind, frames, Thresholds);

        Assert.Equal(ChallengeOutcome.Passed, judgement.Outcome);
        Assert.InRange(judgement.Strength, 0.01f, 1f);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Judge_SingleFrameSpike_DoesNotPass(ChallengeKind kind)
    {
        var frames = new FaceSequence().Resting(6).Add(1, f => Perform(kind, f, extreme: true)).Resting(6).Challenge();

        Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(kind, frames, Thresholds).Outcome);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Judge_HeldOneFrameTooFew_DoesNotPass(ChallengeKind kind)
    {
        var frames = new FaceSequence().Resting(6).Move(f => Perform(kind, f), hold: ChallengeDetector.MinimumHeldFrames - 2).Resting(4).Challenge();

        Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(kind, frames, Thresholds).Outcome);
    }

    [Theory]
    [MemberData(nameof(Gestures))]
    public void Judge_GestureNeverReturned_IsPendingWithHint(ChallengeKind kind)
    {
        var frames = new FaceSequence().Resting(6).Add(1, f => FaceSequence.Blend(f, Perform(kind, f), 0.5f)).Add(8, f => Perform(kind, f)).Challenge();

        var judgement = ChallengeDetector.Judge(kind, frames, Thresholds);

        Assert.Equal(ChallengeOutcome.Pending, judgement.Outcome);
        Assert.Contains("back", judgement.Feedback);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Judge_GestureJustStartedWithTheFaceInView_RepeatsTheInstruction(ChallengeKind kind)
    {
        var frames = new FaceSequence().Resting(6).Challenge();

        var judgement = ChallengeDetector.Judge(kind, frames, Thresholds);

        Assert.Equal(ChallengeOutcome.Pending, judgement.Outcome);
        Assert.Equal(ChallengeDetector.Instruction(kind), judgement.Feedback);
    }

    [Fact]
    public void Judge_FaceLostAtTheStart_AsksForTheFace()
    {
        var frames = new FaceSequence().Resting(6).Add(1, f => f with { FaceFound = false }).Challenge();

        Assert.Equal(ChallengeDetector.FaceLostHint, ChallengeDetector.Judge(ChallengeKind.Blink, frames, Thresholds).Feedback);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Judge_StillFaceWithMeasurementNoise_DoesNotPass(ChallengeKind kind)
    {
        var frames = new FaceSequence(seed: (int)kind).Resting(60).WithNoise(degrees: 4, ratio: 0.02f).Challenge();

        Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(kind, frames, Thresholds).Outcome);
    }

    [Theory]
    [InlineData(14f)]
    [InlineData(15.5f)]
    public void Judge_TurnAroundTheThreshold_PassesOnlyAboveIt(float degrees)
    {
        var frames = new FaceSequence().Resting(6).Move(f => f with { Yaw = degrees }).Resting(3).Challenge();

        var outcome = ChallengeDetector.Judge(ChallengeKind.TurnHeadLeft, frames, Thresholds).Outcome;

        Assert.Equal(degrees >= Thresholds.TurnDegrees ? ChallengeOutcome.Passed : ChallengeOutcome.Pending, outcome);
    }

    [Fact]
    public void Judge_TurnToTheWrongSide_DoesNotPass()
    {
        var frames = new FaceSequence().Resting(6).Move(f => Perform(ChallengeKind.TurnHeadRight, f)).Resting(3).Challenge();

        Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(ChallengeKind.TurnHeadLeft, frames, Thresholds).Outcome);
    }

    [Fact]
    public void Judge_SmileProbabilityWithoutMouthMovement_DoesNotPass()
    {
        // A replayed or synthetic stream that only fools the emotion model must also move the mouth.
        var frames = new FaceSequence().Resting(6).Move(f => f with { Emotions = [0, 0, 0, 0.95f, 0, 0, 0.05f] }).Resting(3).Challenge();

        Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(ChallengeKind.Smile, frames, Thresholds).Outcome);
    }

    [Fact]
    public void Judge_FaceMissingFromMostFrames_IsPending()
    {
        var frames = new FaceSequence().Resting(4).Add(20, f => f with { FaceFound = false }).Challenge();

        var judgement = ChallengeDetector.Judge(ChallengeKind.Blink, frames, Thresholds);

        Assert.Equal(ChallengeOutcome.Pending, judgement.Outcome);
        Assert.Contains("face", judgement.Feedback);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Judge_StepFromRestToPeakAndBack_DoesNotPass(ChallengeKind kind)
    {
        // Two pictures shown one after the other: every measure jumps, no frame in between.
        var frames = new FaceSequence().Resting(6).Add(5, f => Perform(kind, f)).Resting(4).Challenge();

        var judgement = ChallengeDetector.Judge(kind, frames, Thresholds);

        Assert.Equal(ChallengeOutcome.Pending, judgement.Outcome);
        Assert.Contains("smoothly", judgement.Feedback);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Judge_StepToAScatteredPlateau_DoesNotPass(ChallengeKind kind)
    {
        // A held picture as the face model measures it: the same step, but its frames scatter (here 0.9–1.3 of the
        // gesture). Against the highest frame, the first and last looked like intermediate frames; against the
        // plateau's median they are on it.
        var scatter = new Queue<float>([0.9f, 1.3f, 1.0f, 0.95f, 0.9f]);
        var frames = new FaceSequence().Resting(6).Add(5, f => FaceSequence.Blend(f, Perform(kind, f), scatter.Dequeue())).Resting(4).Challenge();

        Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(kind, frames, Thresholds).Outcome);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Judge_GradualOnsetButStepBack_DoesNotPass(ChallengeKind kind)
    {
        var frames = new FaceSequence().Resting(6).Add(1, f => FaceSequence.Blend(f, Perform(kind, f), 0.5f)).Add(5, f => Perform(kind, f)).Resting(4).Challenge();

        Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(kind, frames, Thresholds).Outcome);
    }

    [Theory]
    [MemberData(nameof(Gradual))]
    public void Judge_StepOutButGradualReturn_DoesNotPass(ChallengeKind kind)
    {
        var frames = new FaceSequence().Resting(6).Add(5, f => Perform(kind, f)).Add(1, f => FaceSequence.Blend(Perform(kind, f), f, 0.5f)).Resting(4).Challenge();

        Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(kind, frames, Thresholds).Outcome);
    }

    [Fact]
    public void Judge_BlinkClosingWithinOneFrameAndReopeningGradually_Passes()
    {
        var frames = new FaceSequence().Resting(6).Add(3, f => Perform(ChallengeKind.Blink, f))
            .Add(1, f => FaceSequence.Blend(Perform(ChallengeKind.Blink, f), f, 0.5f)).Resting(4).Challenge();

        Assert.Equal(ChallengeOutcome.Passed, ChallengeDetector.Judge(ChallengeKind.Blink, frames, Thresholds).Outcome);
    }

    [Fact]
    public void Judge_MovementUnderWayBeforeTheInstructionCouldBeRead_DoesNotPass()
    {
        var sequence = new FaceSequence().Resting(6).Move(f => Perform(ChallengeKind.OpenMouth, f)).Resting(3);
        var frames = sequence.Challenge();
        // The instruction was shown just before the first answer frame; the movement starts at the third.
        var anticipated = frames with { EarliestOnsetMs = frames.Answer[3].TimestampMs };
        var reacted = frames with { EarliestOnsetMs = frames.Answer[1].TimestampMs };

        Assert.Equal(ChallengeOutcome.Pending, ChallengeDetector.Judge(ChallengeKind.OpenMouth, anticipated, Thresholds).Outcome);
        Assert.Equal(ChallengeOutcome.Passed, ChallengeDetector.Judge(ChallengeKind.OpenMouth, reacted, Thresholds).Outcome);
    }

    [Fact]
    public void Judge_BaselineComesFromBeforeTheInstruction_NotFromTheFirstAnswerFrames()
    {
        // An attacker opens with the turned pose, then "turns back": against its own first frames that is a turn.
        var turned = new FaceSequence().Resting(4).Add(6, f => Perform(ChallengeKind.TurnHeadRight, f))
            .Add(1, f => FaceSequence.Blend(Perform(ChallengeKind.TurnHeadRight, f), f, 0.33f))
            .Add(1, f => FaceSequence.Blend(Perform(ChallengeKind.TurnHeadRight, f), f, 0.66f)).Resting(6).Challenge();

        Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(ChallengeKind.TurnHeadLeft, turned, Thresholds).Outcome);
    }

    [Theory]
    [InlineData(ChallengeKind.TurnHeadLeft)]
    [InlineData(ChallengeKind.TurnHeadRight)]
    [InlineData(ChallengeKind.LookUp)]
    [InlineData(ChallengeKind.Nod)]
    public void Judge_TurnOrNodOfAFlatPrint_Fails(ChallengeKind kind)
    {
        var frames = new FaceSequence(surface: SyntheticHead.Surface.Flat).Resting(6).Move(f => Perform(kind, f)).Resting(3).Challenge();

        var judgement = ChallengeDetector.Judge(kind, frames, Thresholds);

        Assert.Equal(ChallengeOutcome.Failed, judgement.Outcome);
        Assert.Contains("flat picture", judgement.Feedback);
    }

    [Theory]
    [InlineData(ChallengeKind.TurnHeadLeft)]
    [InlineData(ChallengeKind.Nod)]
    public void Judge_TurnOrNodOfAPrintFoldedAlongTheNose_Fails(ChallengeKind kind)
    {
        var frames = new FaceSequence(surface: SyntheticHead.Surface.FoldedAlongNose).Resting(6).Move(f => Perform(kind, f)).Resting(3).Challenge();

        Assert.Equal(ChallengeOutcome.Failed, ChallengeDetector.Judge(kind, frames, Thresholds).Outcome);
    }

    [Fact]
    public void Judge_TurnWithoutFollowedTexture_Fails()
    {
        var frames = new FaceSequence().Resting(6).Move(f => Perform(ChallengeKind.TurnHeadLeft, f)).Resting(3).Challenge();
        var noReference = frames with { TextureReference = null };
        var lost = frames with { Answer = frames.Answer.Select(f => f with { Tracked = null }).ToList() };
        // Every point's texture "found" at one spot: no plane fits, which must not read as infinite parallax.
        var collapsed = frames with { Answer = frames.Answer.Select(f => f with { Tracked = f.Tracked?.Select(_ => 0.5f).ToArray() }).ToList() };

        Assert.Equal(ChallengeOutcome.Failed, ChallengeDetector.Judge(ChallengeKind.TurnHeadLeft, noReference, Thresholds).Outcome);
        Assert.Equal(ChallengeOutcome.Failed, ChallengeDetector.Judge(ChallengeKind.TurnHeadLeft, lost, Thresholds).Outcome);
        Assert.Equal(ChallengeOutcome.Failed, ChallengeDetector.Judge(ChallengeKind.TurnHeadLeft, collapsed, Thresholds).Outcome);
    }

    [Fact]
    public void Judge_SmileThatNeverFades_IsPending()
    {
        var frames = new FaceSequence().Resting(6).Add(1, f => FaceSequence.Blend(f, Perform(ChallengeKind.Smile, f), 0.5f))
            .Add(10, f => Perform(ChallengeKind.Smile, f)).Challenge();

        Assert.Equal(ChallengeOutcome.Pending, ChallengeDetector.Judge(ChallengeKind.Smile, frames, Thresholds).Outcome);
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
