using System.Diagnostics;
using SecureCall.Grains.Interfaces.Diagnostics;
using SecureCall.Grains.Storage;

namespace SecureCall.Grains.Diagnostics;

/// <summary>Reads its (empty) state through grain storage on every probe: a real round trip to the database.</summary>
public sealed class HealthProbeGrain([PersistentState("probe", StorageNames.Sessions)] IPersistentState<HealthProbeState> state)
    : Grain, IHealthProbeGrain
{
    public async Task<StorageProbe> ProbeStorageAsync()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await state.ReadStateAsync();
            return new StorageProbe(true, clock.Elapsed.TotalMilliseconds, null);
        }
        catch (Exception exception)
        {
            return new StorageProbe(false, clock.Elapsed.TotalMilliseconds, exception.GetType().Name);
        }
    }
}
