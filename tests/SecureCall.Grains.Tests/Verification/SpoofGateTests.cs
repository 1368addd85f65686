using SecureCall.Grains.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>The session-wide presentation-attack gates on constructed measurements.</summary>
public sealed class SpoofGateTests
{
    private static readonly SpoofGates Gates = new();

    [Fact]
    public void Failed_LiveFaceFilmedDirectly_PassesEveryGate()
    {
        var frames = new FaceSequence().Resting(20).Add(20, f => f with { ScreenGrid = 1.9f, GamutClipped = 0.004f, LivenessLive = 0.97f, AntiSpoofReal = 0.6f }).Frames;

        Assert.Null(SpoofGate.Failed(frames, Gates));
    }

    [Theory]
    [InlineData(3.6f, 0.004f)]
    [InlineData(1.9f, 0.05f)]
    public void Failed_MoireOrClippedColoursInMostFrames_IsAScreen(float grid, float clipped)
    {
        var frames = new FaceSequence().Resting(9).Add(11, f => f with { ScreenGrid = grid, GamutClipped = clipped }).Frames;

        Assert.Equal("the face was shown on a screen", SpoofGate.Failed(frames, Gates)?.Reason);
    }

    [Fact]
    public void Failed_AFewScreenLikeFrames_AreOutvoted()
    {
        var frames = new FaceSequence().Resting(11).Add(9, f => f with { ScreenGrid = 4f }).Frames;

        Assert.Null(SpoofGate.Failed(frames, Gates));
    }

    [Theory]
    [InlineData(0.55f, 0.7f)]
    [InlineData(0.97f, 0.1f)]
    public void Failed_LivenessOrAntiSpoofModelUnconvinced_FailsTheAntiSpoofGate(float live, float real)
    {
        var frames = new FaceSequence().Resting(20).Frames.Select(f => f with { LivenessLive = live, AntiSpoofReal = real }).ToList();

        Assert.Equal("the anti-spoof models did not accept the face", SpoofGate.Failed(frames, Gates)?.Reason);
    }

    [Fact]
    public void AntiSpoofMean_CountsOnlyTheFramesTheModelRanOn()
    {
        // Every second frame was not asked about (null): the mean is that of the others, not diluted towards 0.
        var sampled = new FaceSequence().Resting(20).Frames.Select((f, i) => f with { AntiSpoofReal = i % 2 == 0 ? 0.5f : null }).ToList();
        var plainlyFake = sampled.Select(f => f with { AntiSpoofReal = f.AntiSpoofReal is null ? null : 0.1f }).ToList();

        Assert.Equal(0.5f, SpoofGate.AntiSpoofMean(sampled), 4);
        Assert.Null(SpoofGate.Failed(sampled, Gates));
        Assert.Equal("the anti-spoof models did not accept the face", SpoofGate.Failed(plainlyFake, Gates)?.Reason);
        Assert.Equal(0f, SpoofGate.AntiSpoofMean(sampled.Select(f => f with { AntiSpoofReal = null })));
    }

    [Fact]
    public void Failed_CuesMeasuredOnEverySecondFrame_AreReadOverThoseFrames()
    {
        // A screen on every frame, but the cues measured on every second one only: the unmeasured frames (null) neither
        // outvote the measured ones nor count as clean.
        var screen = new FaceSequence().Resting(20).Frames
            .Select((f, i) => i % 2 == 0 ? f with { ScreenGrid = 3.6f } : Unmeasured(f)).ToList();
        var direct = screen.Select(f => f.ScreenGrid is null ? f : f with { ScreenGrid = 1.9f }).ToList();
        var unconvinced = direct.Select(f => f.LivenessLive is null ? f : f with { LivenessLive = 0.5f }).ToList();

        Assert.Equal("the face was shown on a screen", SpoofGate.Failed(screen, Gates)?.Reason);
        Assert.Null(SpoofGate.Failed(direct, Gates));
        Assert.Equal("the anti-spoof models did not accept the face", SpoofGate.Failed(unconvinced, Gates)?.Reason);
        Assert.Equal(0.5f, SpoofGate.LivenessMean(unconvinced), 4);
    }

    [Fact]
    public void Failed_NoFrameWithCues_FailsClosed()
    {
        var frames = new FaceSequence().Resting(20).Frames.Select(Unmeasured).ToList();

        Assert.Equal("the spoof cues were not measured", SpoofGate.Failed(frames, Gates)?.Reason);
        Assert.Equal(0f, SpoofGate.LivenessMean(frames));
    }

    private static Interfaces.Verification.FaceObservation Unmeasured(Interfaces.Verification.FaceObservation f) =>
        f with { AntiSpoofReal = null, LivenessLive = null, ScreenGrid = null, GamutClipped = null };
}
