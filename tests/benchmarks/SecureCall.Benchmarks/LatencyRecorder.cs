using System.Diagnostics;

namespace SecureCall.Benchmarks;

/// <summary>Collects per-operation latencies from many workers and reports percentiles.</summary>
public sealed class LatencyRecorder
{
    private readonly List<long>[] _perWorker;

    public LatencyRecorder(int workers) => _perWorker = Enumerable.Range(0, workers).Select(_ => new List<long>(1 << 16)).ToArray();

    public void Record(int worker, long startTimestamp) => _perWorker[worker].Add(Stopwatch.GetTimestamp() - startTimestamp);

    /// <summary>Records an operation that took <paramref name="elapsedTicks"/> <see cref="Stopwatch"/> ticks.</summary>
    public void RecordElapsed(int worker, long elapsedTicks) => _perWorker[worker].Add(elapsedTicks);

    public long Count => _perWorker.Sum(w => (long)w.Count);

    public double PercentileMilliseconds(double percentile)
    {
        var all = _perWorker.SelectMany(w => w).Order().ToArray();
        if (all.Length == 0)
        {
            return double.NaN;
        }
        var index = (int)Math.Clamp(Math.Ceiling(percentile / 100 * all.Length) - 1, 0, all.Length - 1);
        return all[index] * 1000.0 / Stopwatch.Frequency;
    }
}
