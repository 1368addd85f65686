namespace SecureCall.Grains.Interfaces.Diagnostics;

/// <summary>The outcome of one read through grain storage: whether it worked, how long it took, and why not.</summary>
[GenerateSerializer, Immutable, Alias("securecall.storage-probe")]
public sealed record StorageProbe(
    [property: Id(0)] bool Healthy,
    [property: Id(1)] double Milliseconds,
    [property: Id(2)] string? Problem);
