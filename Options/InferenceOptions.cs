namespace SecureCall.Options;

/// <summary>Face inference workers in a silo.</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "SecureCall:Inference";

    /// <summary>Analyses running at once in one silo; more wait (briefly) or are answered Busy. Default: processor count.</summary>
    public int MaxConcurrentInferences { get; set; } = Environment.ProcessorCount;

    /// <summary>How long a frame may wait for a free inference slot before the answer is Busy.</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Spoof cues and embeddings a session may leave for later, at most this many waiting in a silo; beyond it a frame
    /// measures its own at once. Each holds its face's pixels (about 0.2–0.5 MB).
    /// </summary>
    public int DeferredCueQueue { get; set; } = 128;

    /// <summary>
    /// The nice value (0–19) of the threads measuring deferred cues: 10 leaves them about a tenth of a core the frames'
    /// analysis wants, so they neither delay the frames much nor stall when the cores are busy.
    /// </summary>
    public int DeferredCueNice { get; set; } = 10;

    /// <summary>Load and run the models once at silo start, so the first user does not pay for it.</summary>
    public bool WarmUpAtStart { get; set; } = true;
}
