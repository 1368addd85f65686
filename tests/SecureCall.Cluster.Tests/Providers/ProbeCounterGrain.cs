using Orleans.Runtime;
using SecureCall.Grains.Storage;

namespace SecureCall.Cluster.Tests.Providers;

/// <summary>A grain of the test's own that exercises the three providers: state (ETag-checked writes) and a reminder.</summary>
public interface IProbeCounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task<string> SiloAsync();

    Task RemindOnceAsync(TimeSpan due);

    Task<int> RemindersFiredAsync();

    /// <summary>Deactivates, so the next call reads the state from the database again.</summary>
    Task DeactivateForTestAsync();
}

[GenerateSerializer]
public sealed class ProbeCounterState
{
    [Id(0)] public int Count { get; set; }

    [Id(1)] public int RemindersFired { get; set; }
}

public sealed class ProbeCounterGrain(
    [PersistentState("probe-counter", StorageNames.Calls)] IPersistentState<ProbeCounterState> state,
    ILocalSiloDetails silo) : Grain, IProbeCounterGrain, IRemindable
{
    public async Task<int> IncrementAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Count);

    public Task<string> SiloAsync() => Task.FromResult(silo.SiloAddress.ToString());

    public Task RemindOnceAsync(TimeSpan due) => this.RegisterOrUpdateReminder("probe", due, TimeSpan.FromMinutes(1));

    public Task<int> RemindersFiredAsync() => Task.FromResult(state.State.RemindersFired);

    public Task DeactivateForTestAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.RemindersFired++;
        await state.WriteStateAsync();
        await this.UnregisterReminder(await this.GetReminder(reminderName) ?? throw new InvalidOperationException("reminder vanished"));
    }
}
