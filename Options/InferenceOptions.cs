namespace SecureCall.Options;

/// <summary>Face inference workers in a silo.</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "SecureCall:Inference";

    /// <summary>Analyses running at once in one silo; more wait (briefly) or are answered Busy. Default: processor count.</summary>
    public int MaxConcurrentInferences { get; set; } = Environment.ProcessorCount;

    /// <summary>How long a frame may wait for a free inference slot before the answer is Busy.</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Load and run the models once at silo start, so the first user does not pay for it.</summary>
    public bool WarmUpAtStart { get; set; } = true;
}
