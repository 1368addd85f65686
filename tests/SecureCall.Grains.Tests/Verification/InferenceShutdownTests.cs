using Microsoft.Extensions.Logging.Abstractions;
using SecureCall.FaceAnalysis;
using SecureCall.Grains.Interfaces.Verification;
using SecureCall.Grains.Tests.Infrastructure;
using SecureCall.Grains.Verification;
using SecureCall.Options;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>
/// Stopping inference while cues are queued on the lane and model calls are in flight (the shutdown that crashed test
/// hosts with SIGSEGV): no model runs once it is freed; every cue ends measured, discarded or refused with a typed error.
/// </summary>
public sealed class InferenceShutdownTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stop_WithCuesQueuedAndInFlight_NeverCallsAModelAfterItIsFreed(bool laneFirst)
    {
        const int Rounds = 300;
        const int CuesPerRound = 4 * 3;
        var outcomes = new Dictionary<TaskStatus, int>();
        var refused = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var model = new RecordingModel();
            var models = new GuardedResource<RecordingModel>(() => model);
            var lane = new CueLane(MsOptions.Create(new InferenceOptions { DeferredCueQueue = 4, DeferredCueNice = 0 }), NullLogger<CueLane>.Instance);
            var cues = new List<DeferredCues>();
            for (var i = 0; i < CuesPerRound; i++)
            {
                // As OnnxFaceFrameAnalyzer defers a frame's cues: on the lane, or measured by the frame when it is full.
                var deferred = new DeferredCues(() => models.Run(m => m.Measure()));
                if (!lane.TryEnqueue(deferred))
                {
                    deferred.TryMeasure();
                }
                cues.Add(deferred);
            }
            // A session that must decide measures its last frame's cues itself, on the thread pool.
            var sessionMeasure = cues[^1].MeasureNowAsync();
            Assert.True(SpinWait.SpinUntil(() => model.Calls > 0, Bound), "no cue was being measured");

            // SiloShutdown's order (lane, then models), and the reverse: a container that disposes in another order.
            if (laneFirst)
            {
                Assert.True(lane.Stop(Bound));
                Assert.True(models.Stop(Bound));
            }
            else
            {
                Assert.True(models.Stop(Bound));
                Assert.True(lane.Stop(Bound));
            }

            Assert.Equal(0, model.CallsAfterFree);
            Assert.Throws<InferenceStoppedException>(() => models.Run(m => m.Measure()));
            await Task.WhenAll(cues.Select(c => c.Result).Append(sessionMeasure).Select(Settled)).WaitAsync(Bound, TestContext.Current.CancellationToken);
            foreach (var result in cues.Select(c => c.Result))
            {
                outcomes[result.Status] = outcomes.GetValueOrDefault(result.Status) + 1;
                if (result.IsFaulted)
                {
                    // The only failure a stop may cause is the typed refusal.
                    Assert.IsType<InferenceStoppedException>(result.Exception!.InnerException);
                    refused++;
                }
            }
            Assert.Equal(0, model.CallsAfterFree);
        }

        // Both sides of the race happened: cues measured before the stop, cues queued at the stop and never measured.
        Assert.True(outcomes.GetValueOrDefault(TaskStatus.RanToCompletion) > 0, Describe(outcomes, refused));
        Assert.True(outcomes.GetValueOrDefault(TaskStatus.Canceled) + refused > 0, Describe(outcomes, refused));
    }

    [Fact]
    public async Task Stop_WithRealModels_FramesAndCuesInFlight_EndsEveryCallAndRefusesLaterFrames()
    {
        var photo = await File.ReadAllBytesAsync(RepositoryPaths.SamplePhoto(1), TestContext.Current.CancellationToken);
        var counts = new Dictionary<string, int>();
        for (var round = 0; round < 8; round++)
        {
            var inference = MsOptions.Create(new InferenceOptions { DeferredCueQueue = 4, DeferredCueNice = 0, MaxQueueWait = TimeSpan.FromSeconds(10) });
            var host = new FaceAnalyzerHost(MsOptions.Create(new FaceAnalysisOptions { ModelDirectory = RepositoryPaths.ModelOutput }), inference,
                NullLogger<FaceAnalyzerHost>.Instance);
            var lane = new CueLane(inference, NullLogger<CueLane>.Instance);
            var analyzer = new OnnxFaceFrameAnalyzer(host, lane, inference);
            // Loaded, and a first frame's cues measured, before the frames whose analysis the stop meets.
            var first = await analyzer.AnalyzeDeferringCuesAsync(Frame(photo));
            Assert.Equal(FaceInferenceStatus.Face, first.Result.Status);
            await first.Cues!.Result.WaitAsync(Bound, TestContext.Current.CancellationToken);

            var frames = Enumerable.Range(0, 6).Select(_ => analyzer.AnalyzeDeferringCuesAsync(Frame(photo))).ToList();
            // Stop as SiloShutdown does, after a varying head start: some frames are answered, some are being analysed.
            await Task.Delay(round * 15, TestContext.Current.CancellationToken);
            Assert.True(lane.Stop(Bound));
            Assert.True(host.Stop(Bound));

            foreach (var frame in await Task.WhenAll(frames).WaitAsync(Bound, TestContext.Current.CancellationToken))
            {
                Count(counts, frame.Result.Status.ToString());
                Assert.True(frame.Result.Status is FaceInferenceStatus.Face or FaceInferenceStatus.Busy, $"{frame.Result.Status}: {frame.Result.Problem}");
                if (frame.Cues is { } cues)
                {
                    await Settled(cues.Result).WaitAsync(Bound, TestContext.Current.CancellationToken);
                    Count(counts, "cues " + cues.Result.Status);
                    Assert.True(!cues.Result.IsFaulted || cues.Result.Exception!.InnerException is InferenceStoppedException, cues.Result.Exception?.ToString());
                }
            }
            var late = await analyzer.AnalyzeDeferringCuesAsync(Frame(photo));
            Assert.Equal(FaceInferenceStatus.Busy, late.Result.Status);
            Assert.Contains("stopping", late.Result.Problem);
            host.Dispose();
            lane.Dispose();
        }
        Assert.True(counts.GetValueOrDefault("Face") > 0, string.Join(", ", counts));
    }

    private static FaceInferenceRequest Frame(byte[] photo) => new(photo, 0, Track: false, WantEmbedding: true, PreviousMesh: null, WantSpoofCues: true);

    private static async Task Settled(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // Inspected by the caller.
        }
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static string Describe(Dictionary<TaskStatus, int> outcomes, int refused) =>
        string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")) + $" (refused {refused})";

    /// <summary>A model that notes every call it gets after its disposal, at the start and at the end of the call.</summary>
    private sealed class RecordingModel : IDisposable
    {
        private volatile bool _freed;
        private int _calls;
        private int _callsAfterFree;

        public int Calls => Volatile.Read(ref _calls);

        public int CallsAfterFree => Volatile.Read(ref _callsAfterFree);

        public FaceCues Measure()
        {
            Interlocked.Increment(ref _calls);
            var freedAtStart = _freed;
            // About as long as a small model's run: long enough for the stop to meet calls in flight.
            Thread.Sleep(1);
            if (freedAtStart || _freed)
            {
                Interlocked.Increment(ref _callsAfterFree);
            }
            return new FaceCues(0.9f, 0.9f, null, null, null, null);
        }

        public void Dispose() => _freed = true;
    }
}
