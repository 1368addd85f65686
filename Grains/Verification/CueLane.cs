using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCall.Grains.Diagnostics;
using SecureCall.Options;

namespace SecureCall.Grains.Verification;

/// <summary>
/// Measures deferred spoof cues and embeddings (<see cref="DeferredCues"/>) on threads the kernel runs below the
/// frames' analysis: they take the cores' spare time, so a frame's answer does not queue behind another frame's
/// embedding (12–16 ms, against 5–6 ms for the geometry a frame's answer needs). One thread per core; a bounded
/// queue: when it is full the caller measures at once, so a saturated silo slows its answers instead of piling up
/// pixels. Stopping it discards what is queued and joins its threads, so no lane thread is left to run a model that
/// is about to be freed.
/// </summary>
public sealed class CueLane : IDisposable
{
    /// <summary>How long a stop waits for the cues being measured (a few tens of ms each; seconds on a starved machine).</summary>
    public static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(20);

    private readonly BlockingCollection<DeferredCues> _queue;
    private readonly Thread[] _threads;
    private readonly int _nice;
    private readonly ILogger<CueLane> _logger;
    private volatile bool _stopping;

    public CueLane(IOptions<InferenceOptions> options, ILogger<CueLane> logger)
    {
        _queue = new BlockingCollection<DeferredCues>(options.Value.DeferredCueQueue);
        _nice = options.Value.DeferredCueNice;
        _logger = logger;
        _threads = new Thread[Environment.ProcessorCount];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"cue-lane-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Queues the cues; false when the queue is full (or closed) and the caller must measure them itself.</summary>
    public bool TryEnqueue(DeferredCues cues)
    {
        try
        {
            return _queue.TryAdd(cues);
        }
        catch (InvalidOperationException)
        {
            // The silo is stopping (the queue was closed).
            return false;
        }
    }

    /// <summary>
    /// Takes no more cues, discards the queued ones (their sessions see them cancelled) and waits up to
    /// <paramref name="timeout"/> for the cues being measured; true when every lane thread has ended. Idempotent.
    /// </summary>
    public bool Stop(TimeSpan timeout)
    {
        _stopping = true;
        _queue.CompleteAdding();
        var started = Stopwatch.GetTimestamp();
        var joined = true;
        foreach (var thread in _threads)
        {
            var left = timeout - Stopwatch.GetElapsedTime(started);
            joined &= thread.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
        if (!joined)
        {
            _logger.LogError("Cue lane threads were still measuring {Timeout} after the stop began", timeout);
        }
        // What no thread took (all of them joined, or a join timed out): never measured.
        while (_queue.TryTake(out var cues))
        {
            cues.Discard();
        }
        return joined;
    }

    public void Dispose() => Stop(JoinTimeout);

    /// <summary>Counts deferred cues measured by <paramref name="by"/> (<see cref="SecureCallMetrics.CuesMeasured"/>).</summary>
    internal static void Measured(string by) => SecureCallMetrics.CuesMeasured.Add(1, new KeyValuePair<string, object?>("by", by));

    private void Work()
    {
        if (!ThreadNice.TryLower(_nice))
        {
            _logger.LogWarning("Cue lane thread {Thread} runs at normal priority (this OS or C library cannot lower it): deferred cues compete with the frames' answers",
                Environment.CurrentManagedThreadId);
        }
        foreach (var cues in _queue.GetConsumingEnumerable())
        {
            if (_stopping)
            {
                cues.Discard();
            }
            else if (cues.TryMeasure())
            {
                Measured("lane");
            }
        }
    }
}
