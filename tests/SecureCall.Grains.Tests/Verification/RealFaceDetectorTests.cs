using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Grains.Verification;
using SecureCall.Options;
using SecureCall.Tests.Shared;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>
/// The challenge detectors on what the real models measure: each gesture of the rendered 3-D head (the stand-in for
/// a real person) is recognised with the default thresholds, and the head at rest with its tremor and camera noise
/// passes none of them. 2-D edits of a photo (mirrored, painted lids, painted mouth) are steps between pictures,
/// not movements: the detectors no longer take them. The first frames of each sequence are the baseline (the pause
/// before the instruction), as in a session.
/// </summary>
public sealed class RealFaceDetectorTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    public static TheoryData<ChallengeKind> EditedPerformable => new(SampleFaceFrames.Performable);

    public static TheoryData<ChallengeKind> RenderedPerformable => new(RenderedHead.Performable);

    [Theory]
    [MemberData(nameof(RenderedPerformable))]
    public async Task RenderedHeadGesture_IsRecognised(ChallengeKind kind)
    {
        using var head = await HeadOfAsync(3);

        var judgement = ChallengeDetector.Judge(kind, await ObserveAsync(head.Perform(kind)), new DetectorThresholds());

        Assert.True(judgement.Outcome == ChallengeOutcome.Passed, $"{kind}: {judgement.Feedback}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task RenderedHeadSmile_IsRecognised_OnOtherFaces(int sample)
    {
        // The emotion model read these smiles below P(happy) 0.5 on most frames (faces 2–4): the landmarks carry the smile (issue 24).
        using var head = await HeadOfAsync(sample);

        var judgement = ChallengeDetector.Judge(ChallengeKind.Smile, await ObserveAsync(head.Perform(ChallengeKind.Smile)), new DetectorThresholds());

        Assert.True(judgement.Outcome == ChallengeOutcome.Passed, $"sample {sample}: {judgement.Feedback}");
    }

    /// <summary>
    /// The kinds the second, independently built stand-in (another person, shape and renderer) performs so that the face
    /// model reads them. Its blink (eye aspect 0.36 → 0.26–0.28, a drop just at 0.08), open mouth and surprise (mouth
    /// opening at most 0.15 from 0.04) and raised brows (brow raise unchanged, 0.13–0.15) are not read yet: a limit of
    /// this stand-in's displacement fields, measured here, not of the detectors (issue 24, item 1, what is left). Its
    /// turn to the left is not listed either: under this light too few of its texture points are followed through it
    /// ("the face's texture was not followed"), every run since the auto-exposure model went in; a limit of the stand-in's
    /// texture under dim light, which docs/verification.md names as a finding, not a pass.
    /// </summary>
    public static TheoryData<ChallengeKind> PortraitPerformable =>
        new(ChallengeKind.TurnHeadRight, ChallengeKind.LookUp, ChallengeKind.Nod, ChallengeKind.Smile);

    [Theory]
    [MemberData(nameof(PortraitPerformable))]
    public async Task ShapedPortraitGesture_WithGenuineVariation_IsRecognised(ChallengeKind kind)
    {
        // A slight smile and raised brows at rest, off-centre, rolled, dim warm light brightened by the camera, 640×480 at 15 frames/s.
        using var portrait = await PortraitOfAsync(6, CameraVariation.Genuine(small: false, fast: false) with { BlinksPerMinute = 0 });

        var judgement = ChallengeDetector.Judge(kind, await ObserveAsync(portrait.Perform(kind)), new DetectorThresholds());

        Assert.True(judgement.Outcome == ChallengeOutcome.Passed, $"{kind}: {judgement.Feedback}");
    }

    [Fact]
    public async Task ShapedPortraitAtRest_WithGenuineVariation_PassesNoChallenge()
    {
        using var portrait = await PortraitOfAsync(6, CameraVariation.Genuine(small: false, fast: false) with { BlinksPerMinute = 0 });

        var resting = await ObserveAsync(Enumerable.Range(0, 24).Select(_ => portrait.Rest()).ToList());

        foreach (var kind in Enum.GetValues<ChallengeKind>().Where(k => k != ChallengeKind.Hidden))
        {
            Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(kind, resting, new DetectorThresholds()).Outcome);
        }
    }

    [Fact]
    public async Task RenderedHeadAtRest_PassesNoChallenge()
    {
        using var head = await HeadOfAsync(3);

        var resting = await ObserveAsync(Enumerable.Range(0, 24).Select(_ => head.Rest()).ToList());

        foreach (var kind in Enum.GetValues<ChallengeKind>().Where(k => k != ChallengeKind.Hidden))
        {
            Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(kind, resting, new DetectorThresholds()).Outcome);
        }
    }

    [Theory]
    [InlineData(ChallengeKind.TurnHeadLeft, ChallengeKind.TurnHeadRight)]
    [InlineData(ChallengeKind.LookUp, ChallengeKind.Nod)]
    [InlineData(ChallengeKind.Blink, ChallengeKind.OpenMouth)]
    [InlineData(ChallengeKind.OpenMouth, ChallengeKind.Smile)]
    [InlineData(ChallengeKind.ShowSurprise, ChallengeKind.Smile)]
    [InlineData(ChallengeKind.Nod, ChallengeKind.Smile)]
    [InlineData(ChallengeKind.TurnHeadLeft, ChallengeKind.Smile)]
    [InlineData(ChallengeKind.Smile, ChallengeKind.OpenMouth)]
    public async Task RenderedHeadGesture_DoesNotAnswerAnotherChallenge(ChallengeKind performed, ChallengeKind asked)
    {
        using var head = await HeadOfAsync(3);

        var judgement = ChallengeDetector.Judge(asked, await ObserveAsync(head.Perform(performed)), new DetectorThresholds());

        Assert.NotEqual(ChallengeOutcome.Passed, judgement.Outcome);
    }

    [Theory]
    [MemberData(nameof(EditedPerformable))]
    public async Task EditedPhotoGesture_IsNotRecognised(ChallengeKind kind)
    {
        using var frames = await FramesOfAsync(3);

        var judgement = ChallengeDetector.Judge(kind, await ObserveAsync(frames.Perform(kind)), new DetectorThresholds());

        Assert.NotEqual(ChallengeOutcome.Passed, judgement.Outcome);
    }

    [Fact]
    public async Task RestingFaceWithSway_PassesNoChallenge()
    {
        using var frames = await FramesOfAsync(3);

        var resting = await ObserveAsync(Enumerable.Range(0, 20).Select(_ => frames.Rest()).ToList());

        foreach (var kind in Enum.GetValues<ChallengeKind>().Where(k => k != ChallengeKind.Hidden))
        {
            Assert.NotEqual(ChallengeOutcome.Passed, ChallengeDetector.Judge(kind, resting, new DetectorThresholds()).Outcome);
        }
    }

    /// <summary>Runs the frames through the inference worker in tracking mode, as a session does; the first four are the baseline.</summary>
    private async Task<ChallengeFrames> ObserveAsync(IReadOnlyList<byte[]> frames)
    {
        const int baseline = 4;
        var worker = fixture.Client.GetGrain<IFaceInferenceGrain>(0);
        var observations = new List<FaceObservation>();
        float[]? mesh = null;
        (FacePatches Patches, float[] Points)? texture = null;
        FacePatches? origin = null;
        foreach (var frame in frames)
        {
            // As a session does: the baseline's frames cut texture patches, the answer's follow them frame to frame
            // and align them with the last baseline frame's.
            var follow = observations.Count >= baseline ? texture : null;
            origin = observations.Count == baseline ? texture?.Patches : origin;
            var result = await worker.AnalyzeAsync(new FaceInferenceRequest(frame, observations.Count * 66L, mesh is not null, false, mesh,
                WantPatches: true, ReferencePatches: follow?.Patches, ReferencePoints: follow?.Points, OriginPatches: follow is null ? null : origin));
            Assert.Equal(FaceInferenceStatus.Face, result.Status);
            mesh = result.Mesh;
            var analysis = result.Analysis!;
            texture = (result.Patches!, result.Patches!.Points!);
            observations.Add(analysis);
        }
        return new ChallengeFrames(observations[..baseline], observations[baseline..], TextureReference: observations[baseline - 1].Landmarks);
    }

    private async Task<ShapedPortrait> PortraitOfAsync(int sample, CameraVariation variation)
    {
        var photo = await File.ReadAllBytesAsync(SampleFaceFrames.PhotoPath(RepositoryPaths.Root, sample), TestContext.Current.CancellationToken);
        var located = await fixture.Client.GetGrain<IFaceInferenceGrain>(0).AnalyzeAsync(new FaceInferenceRequest(photo, 0, false, false, null));
        return new ShapedPortrait(photo, located.Mesh!, seed: sample) { Variation = variation };
    }

    private Task<RenderedHead> HeadOfAsync(int sample) => RenderedHead.LoadAsync(fixture.Client, RepositoryPaths.Root, sample);

    private Task<SampleFaceFrames> FramesOfAsync(int sample) => SampleFaceFrames.LoadAsync(fixture.Client, RepositoryPaths.Root, sample);
}
