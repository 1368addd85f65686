using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>Consecutive frames of one continuous movement pass; a cut, a mirror flip and a gap do not.</summary>
public sealed class FrameContinuityTests
{
    private static readonly ContinuityLimits Limits = new();
    private static readonly SyntheticHead Head = new();

    [Fact]
    public void Break_HeadTurningSmoothlyAtAPersonsSpeed_IsNone()
    {
        // 30° in five eased frames at 15 frames/s, the rendered head's turn: at most 9.4° (141°/s) per frame.
        var yaws = Enumerable.Range(0, 6).Select(k => 30 * (1 - MathF.Cos(MathF.PI * k / 5)) / 2).ToList();
        var frames = yaws.Select((yaw, i) => Frame(i * 66, yaw)).ToList();

        Assert.All(frames.Zip(frames.Skip(1)), pair => Assert.Null(FrameContinuity.Break(pair.First, pair.Second, Limits)));
    }

    [Fact]
    public void Break_MirroredPictureOfATurnedFace_IsAMirrorFlip()
    {
        // Sample 3 rests at −15.5° of yaw; its mirror image at +15.5°, one frame later.
        var photo = Frame(0, -15.5f);
        var mirrored = photo with { TimestampMs = 66, Yaw = 15.5f, Landmarks = Mirror(photo.Landmarks!) };

        Assert.StartsWith("a mirror flip", FrameContinuity.Break(photo, mirrored, Limits));
    }

    [Fact]
    public void Break_MirrorOfAFaceTurnedTooLittleToPassATurn_IsNotCalledACut()
    {
        // ±5°: a jump of 10° (150°/s) a fast head can make; such a flip answers no turn (15° needed) and has no onset.
        var photo = Frame(0, -5);
        var mirrored = photo with { TimestampMs = 66, Yaw = 5, Landmarks = Mirror(photo.Landmarks!) };

        Assert.Null(FrameContinuity.Break(photo, mirrored, Limits));
    }

    [Fact]
    public void Break_CutToAnotherPictureElsewhereInTheFrame_IsACut()
    {
        var before = Frame(0, 0);
        var after = Frame(66, 0) with { Landmarks = Head.Landmarks(0, 0, shiftX: 0.15f) };

        Assert.StartsWith("a cut", FrameContinuity.Break(before, after, Limits));
    }

    [Fact]
    public void Break_SameMoveSpreadOverFourFrames_IsNone()
    {
        var frames = Enumerable.Range(0, 5).Select(i => Frame(i * 66, 0) with { Landmarks = Head.Landmarks(0, 0, shiftX: 0.15f * i / 4) }).ToList();

        Assert.All(frames.Zip(frames.Skip(1)), pair => Assert.Null(FrameContinuity.Break(pair.First, pair.Second, Limits)));
    }

    [Fact]
    public void Break_PoseJumpBeyondTurnSpeed_IsACutEvenWithoutLandmarks()
    {
        var before = Frame(0, 0) with { Landmarks = null };
        var after = Frame(66, 0) with { Pitch = 30, Landmarks = null };

        Assert.StartsWith("a cut", FrameContinuity.Break(before, after, Limits));
    }

    [Theory]
    [InlineData(900, false)]
    [InlineData(1100, true)]
    public void Break_GapBetweenFrames_IsABreakOnlyBeyondTheLimit(long gapMs, bool broken)
    {
        var before = Frame(0, 0);
        var after = Frame(gapMs, 0);

        Assert.Equal(broken, FrameContinuity.Break(before, after, Limits)?.StartsWith("a gap") ?? false);
    }

    [Fact]
    public void Break_BurstOfFramesReceivedTogether_IsJudgedAtTheShortestInterval()
    {
        // Frames queued behind inference arrive 1 ms apart; a head's 9° step between them is still a person's.
        var before = Frame(0, 0);
        var after = Frame(1, 9);

        Assert.Null(FrameContinuity.Break(before, after, Limits));
    }

    private static FaceObservation Frame(long t, float yaw) => FaceSequence.Rest(t) with { Yaw = yaw, Landmarks = Head.Landmarks(yaw, 0) };

    /// <summary>The landmarks of the frame's mirror image: each point where its partner is, reflected about the frame's centre.</summary>
    private static float[] Mirror(IReadOnlyList<float> landmarks)
    {
        var mirrored = new float[landmarks.Count];
        for (var i = 0; i < landmarks.Count / 3; i++)
        {
            var j = SecureCall.FaceAnalysis.Measures.LandmarkSubset.MirrorOf[i];
            mirrored[3 * i] = 1 - landmarks[3 * j];
            mirrored[(3 * i) + 1] = landmarks[(3 * j) + 1];
            mirrored[(3 * i) + 2] = landmarks[(3 * j) + 2];
        }
        return mirrored;
    }
}
