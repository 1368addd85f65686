namespace SecureCall.Grains.Interfaces.Diagnostics;

/// <summary>
/// Answers readiness probes from inside the cluster: reaching it proves a silo is up and reachable, and its probe
/// reads grain state through the configured storage, so it also proves the database answers.
/// </summary>
public interface IHealthProbeGrain : IGrainWithStringKey
{
    public const string Key = "probe";

    Task<StorageProbe> ProbeStorageAsync();
}
