using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Grains.Verification;
using SecureCall.Options;
using SecureCall.Tests.Shared;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>
/// The challenge detectors on what the real models measure: each gesture a sample photo can be edited into is
/// recognised with the default thresholds, and a resting face with natural sway passes none of them.
/// </summary>
public sealed class RealFaceDetectorTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    public static TheoryData<ChallengeKind> Performable => new(SampleFaceFrames.Performable);

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

    private Task<SampleFaceFrames> FramesOfAsync(int sample) => SampleFaceFrames.LoadAsync(fixture.Client, RepositoryPaths.Root, sample);
}
