using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Grains.Verification;
using SecureCall.Options;
using SecureCall.Tests.Shared;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>
/// The screen-replay gate on what the real models and the screen cues measure: the rendered head filmed directly
/// stays below <see cref="SpoofGates.MaxScreenGrid"/>; the same frames replayed on a screen (<see cref="ScreenReplayFrames"/>)
/// go above it. The anti-spoof and liveness models' scores are written out too (docs/verification.md).
/// </summary>
public sealed class ScreenCueCalibrationTests(ClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private static readonly SpoofGates Gates = new();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task RenderedHeadDirect_StaysBelowTheScreenBound_ItsScreenReplayGoesAbove(int sample)
    {
        using var head = await RenderedHead.LoadAsync(fixture.Client, RepositoryPaths.Root, sample);
        var direct = head.Perform(ChallengeKind.TurnHeadLeft).Where((_, i) => i % 3 == 0).ToList();
        var replayed = direct.Select((frame, i) => ScreenReplayFrames.Film(frame, seed: (sample * 100) + i)).ToList();

        var genuine = await MeasureAsync(direct);
        var screen = await MeasureAsync(replayed);

        output.WriteLine($"sample {sample} direct: grid {Describe(genuine, o => o.ScreenGrid!.Value)}, clipped {Describe(genuine, o => o.GamutClipped!.Value)}, "
            + $"antispoof {Describe(genuine, o => o.AntiSpoofReal ?? float.NaN)}, live {Describe(genuine, o => o.LivenessLive!.Value)}");
        output.WriteLine($"sample {sample} screen: grid {Describe(screen, o => o.ScreenGrid!.Value)}, clipped {Describe(screen, o => o.GamutClipped!.Value)}, "
            + $"antispoof {Describe(screen, o => o.AntiSpoofReal ?? float.NaN)}, live {Describe(screen, o => o.LivenessLive!.Value)}");
        Assert.True(Median(genuine, o => o.ScreenGrid!.Value) < Gates.MaxScreenGrid, "genuine above the screen bound");
        Assert.True(Median(screen, o => o.ScreenGrid!.Value) >= Gates.MaxScreenGrid, "screen replay below the screen bound");
        Assert.Null(SpoofGate.Failed(genuine, Gates));
        Assert.Equal("the face was shown on a screen", SpoofGate.Failed(screen, Gates)?.Reason);
    }

    private async Task<List<FaceObservation>> MeasureAsync(IReadOnlyList<byte[]> frames)
    {
        var worker = fixture.Client.GetGrain<IFaceInferenceGrain>(0);
        var observations = new List<FaceObservation>();
        foreach (var frame in frames)
        {
            var result = await worker.AnalyzeAsync(new FaceInferenceRequest(frame, 0, false, false, null));
            if (result.Analysis is { } analysis)
            {
                observations.Add(analysis);
            }
        }
        Assert.NotEmpty(observations);
        return observations;
    }

    private static float Median(List<FaceObservation> frames, Func<FaceObservation, float> value) => frames.Select(value).Order().ElementAt(frames.Count / 2);

    private static string Describe(List<FaceObservation> frames, Func<FaceObservation, float> value) =>
        $"{frames.Min(value):0.000}–{frames.Max(value):0.000} (median {Median(frames, value):0.000})";
}
