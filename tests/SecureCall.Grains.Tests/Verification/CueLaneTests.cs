using Microsoft.Extensions.Logging.Abstractions;
using SecureCall.FaceAnalysis;
using SecureCall.Grains.Verification;
using SecureCall.Options;

namespace SecureCall.Grains.Tests.Verification;

/// <summary>The cue lane and its deferred cues: measured once, by whoever claims them first, on low-priority threads.</summary>
public sealed class CueLaneTests
{
    private static readonly FaceCues Some = new(0.9f, 0.8f, null, 1.2f, 0.001f, null);

    [Fact]
    public async Task Lane_MeasuresQueuedCues_OnThreadsAtTheConfiguredNiceValue()
    {
        using var lane = Lane(queue: 4, nice: 7);
        var niceSeen = -1;
        var cues = new DeferredCues(() =>
        {
            niceSeen = CurrentThreadNice();
            return Some;
        });

        Assert.True(lane.TryEnqueue(cues));

        Assert.Same(Some, await cues.Result.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(OperatingSystem.IsLinux() ? 7 : 0, niceSeen);
    }

    [Fact]
    public async Task Lane_QueueFull_RefusesSoTheCallerMeasures()
    {
        using var lane = Lane(queue: 1, nice: 0);
        using var release = new ManualResetEventSlim();
        using var started = new CountdownEvent(Environment.ProcessorCount);
        // Every lane thread busy with a cue that waits (queued one at a time: the queue holds one), then one queued: the queue is full.
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            Assert.True(lane.TryEnqueue(new DeferredCues(() =>
            {
                started.Signal();
                release.Wait(TestContext.Current.CancellationToken);
                return Some;
            })));
            Assert.True(SpinWait.SpinUntil(() => started.CurrentCount == Environment.ProcessorCount - i - 1, TimeSpan.FromSeconds(10)));
        }
        var queued = new DeferredCues(() => Some);
        Assert.True(lane.TryEnqueue(queued));

        Assert.False(lane.TryEnqueue(new DeferredCues(() => Some)));
        release.Set();
        Assert.Same(Some, await queued.Result.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Lane_Stopped_RefusesSoTheCallerMeasures()
    {
        var lane = Lane(queue: 4, nice: 0);

        lane.Dispose();

        Assert.False(lane.TryEnqueue(new DeferredCues(() => Some)));
    }

    [Fact]
    public async Task Cues_ClaimedTwice_AreMeasuredOnce()
    {
        var measured = 0;
        var cues = new DeferredCues(() =>
        {
            Interlocked.Increment(ref measured);
            return Some;
        });

        Assert.True(cues.TryMeasure());
        Assert.False(cues.TryMeasure());
        Assert.Same(Some, await cues.MeasureNowAsync());
        Assert.Equal(1, measured);
    }

    [Fact]
    public async Task Cues_NotClaimed_MeasureNowMeasuresThemOffTheCallersScheduler()
    {
        // A one-at-a-time scheduler, as a grain's: the models must not run on it.
        var exclusive = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        TaskScheduler? on = null;
        var cues = new DeferredCues(() =>
        {
            on = TaskScheduler.Current;
            return Some;
        });

        var measured = await Task.Factory.StartNew(cues.MeasureNowAsync, TestContext.Current.CancellationToken, TaskCreationOptions.None, exclusive).Unwrap();

        Assert.Same(Some, measured);
        Assert.Same(TaskScheduler.Default, on);
    }

    [Fact]
    public async Task Cues_Discarded_AreNeverMeasured_AndTheirPixelsAreReleased()
    {
        var measured = false;
        var released = false;
        var cues = new DeferredCues(() =>
        {
            measured = true;
            return Some;
        }, () => released = true);

        cues.Discard();

        Assert.False(cues.TryMeasure());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cues.Result);
        Assert.False(measured);
        Assert.True(released);
    }

    [Fact]
    public async Task Cues_MeasureThrows_TheResultCarriesTheFailure()
    {
        var cues = new DeferredCues(() => throw new InvalidOperationException("model failed"));

        Assert.True(cues.TryMeasure());

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => cues.Result);
        Assert.Equal("model failed", failure.Message);
    }

    private static CueLane Lane(int queue, int nice) =>
        new(Microsoft.Extensions.Options.Options.Create(new InferenceOptions { DeferredCueQueue = queue, DeferredCueNice = nice }), NullLogger<CueLane>.Instance);

    /// <summary>The calling thread's nice value: field 19 of /proc/thread-self/stat (0 where there is no /proc).</summary>
    private static int CurrentThreadNice()
    {
        if (!File.Exists("/proc/thread-self/stat"))
        {
            return 0;
        }
        var stat = File.ReadAllText("/proc/thread-self/stat");
        // Fields after the command name (which may hold spaces) start at field 3.
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
