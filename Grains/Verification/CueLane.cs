using System.Collections.Concurrent;
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
/// pixels.
/// </summary>
public sealed class CueLane : IDisposable
{
    private readonly BlockingCollection<DeferredCues> _queue;
    private readonly int _nice;
    private readonly ILogger<CueLane> _logger;

    public CueLane(IOptions<InferenceOptions> options, ILogger<CueLane> logger)
    {
        _queue = new BlockingCollection<DeferredCues>(options.Value.DeferredCueQueue);
        _nice = options.Value.DeferredCueNice;
        _logger = logger;
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            new Thread(Work) { IsBackground = true, Name = $"cue-lane-{i}" }.Start();
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

    public void Dispose() => _queue.CompleteAdding();

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
            if (cues.TryMeasure())
            {
                Measured("lane");
            }
        }
    }
}
