using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Grains.Verification;
using SecureCall.Options;
using SecureCall.Tests.Shared;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>
/// The challenge detectors on what the real models measure: each gesture of the rendered 3-D head (the stand-in for
/// a real person) is recognised with the default thresholds, and the head at rest with its tremor and camera noise
/// passes none of them. The detectors alone also recognise 2-D edits of a photo (mirrored, painted lids, painted
/// mouth): telling those apart is the job of the session's continuity and depth gates, not of these detectors.
/// </summary>
public sealed class RealFaceDetectorTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    public static TheoryData<ChallengeKind> Performable => new(SampleFaceFrames.Performable);

    public static TheoryData<ChallengeKind> RenderedPerformable => new(RenderedHead.Performable);

    [Theory]
    [MemberData(nameof(RenderedPerformable))]
    public async Task RenderedHeadGesture_IsRecognised(ChallengeKind kind)
    {
        using var head = await HeadOfAsync(3);

        var judgement = ChallengeDetector.Judge(kind, await ObserveAsync(head.Perform(kind)), new DetectorThresholds());

        Assert.True(judgement.Outcome == ChallengeOutcome.Passed, $"{kind}: {judgement.Feedback}");
    }

    [Fact]
    public async Task RenderedHeadAtRest_PassesNoChallenge()
    {
        using var head = await HeadOfAsync(3);

        var resting = await ObserveAsync(Enumerable.Range(0, 24).Select(_ => head.Rest()).ToList());

        foreach (var kind in Enum.GetValues<ChallengeKind>())
        {
            Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(kind, resting, new DetectorThresholds()).Outcome);
        }
    }

    [Theory]
    [InlineData(ChallengeKind.TurnHeadLeft, ChallengeKind.TurnHeadRight)]
    [InlineData(ChallengeKind.LookUp, ChallengeKind.Nod)]
    [InlineData(ChallengeKind.Blink, ChallengeKind.OpenMouth)]
    public async Task RenderedHeadGesture_DoesNotAnswerAnotherChallenge(ChallengeKind performed, ChallengeKind asked)
    {
        using var head = await HeadOfAsync(3);

        var judgement = ChallengeDetector.Judge(asked, await ObserveAsync(head.Perform(performed)), new DetectorThresholds());

        Assert.NotEqual(ChallengeOutcome.Passed, judgement.Outcome);
    }

    [Theory]
    [MemberData(nameof(Performable))]
    public async Task EditedPhotoGesture_IsRecognised(ChallengeKind kind)
    {
        using var frames = await FramesOfAsync(3);

        var judgement = ChallengeDetector.Judge(kind, await ObserveAsync(frames.Perform(kind)), new DetectorThresholds());

        Assert.True(judgement.Outcome == ChallengeOutcome.Passed, $"{kind}: {judgement.Feedback}");
    }

    [Fact]
    public async Task RestingFaceWithSway_PassesNoChallenge()
    {
        using var frames = await FramesOfAsync(3);

        var resting = await ObserveAsync(Enumerable.Range(0, 20).Select(_ => frames.Rest()).ToList());

        foreach (var kind in Enum.GetValues<ChallengeKind>())
        {
            Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(kind, resting, new DetectorThresholds()).Outcome);
        }
    }

    /// <summary>Runs the frames through the inference worker in tracking mode, as a session does.</summary>
    private async Task<IReadOnlyList<FaceObservation>> ObserveAsync(IReadOnlyList<byte[]> frames)
    {
        var worker = fixture.Client.GetGrain<IFaceInferenceGrain>(0);
        var observations = new List<FaceObservation>();
        float[]? mesh = null;
        foreach (var frame in frames)
        {
            var result = await worker.AnalyzeAsync(new FaceInferenceRequest(frame, observations.Count * 66L, mesh is not null, false, mesh));
            Assert.Equal(FaceInferenceStatus.Face, result.Status);
            mesh = result.Mesh;
            observations.Add(result.Analysis!);
        }
        return observations;
    }

    private Task<RenderedHead> HeadOfAsync(int sample) => RenderedHead.LoadAsync(fixture.Client, RepositoryPaths.Root, sample);

    private Task<SampleFaceFrames> FramesOfAsync(int sample) => SampleFaceFrames.LoadAsync(fixture.Client, RepositoryPaths.Root, sample);
}
