using SecureCall.Grains.Interfaces.Calls;
using SecureCall.Grains.Storage;

namespace SecureCall.Grains.Calls;

/// <summary>Keeps a user's missed calls until they look; only the newest few, so a flood of calls stays small.</summary>
public sealed class MissedCallsGrain(
    [PersistentState("missed", StorageNames.Calls)] IPersistentState<MissedCallsRecord> state) : Grain, IMissedCallsGrain
{
    /// <summary>How many missed calls are kept; older ones drop off.</summary>
    public const int MaxKept = 20;

    public async Task AddAsync(MissedCall call)
    {
        var calls = state.State.Calls;
        if (calls.Any(c => c.CallId == call.CallId))
        {
            return;
        }
        calls.Add(call);
        if (calls.Count > MaxKept)
        {
            calls.RemoveRange(0, calls.Count - MaxKept);
        }
        await state.WriteStateAsync();
    }

    public async Task<IReadOnlyList<MissedCall>> TakeAsync()
    {
        var calls = state.State.Calls;
        if (calls.Count == 0)
        {
            return [];
        }
        state.State.Calls = [];
        await state.WriteStateAsync();
        return calls;
    }
}
