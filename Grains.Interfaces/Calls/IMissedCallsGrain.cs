namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>
/// The calls a user missed (key: user id), persisted so a callee who was offline learns of them at the next sign-in.
/// </summary>
public interface IMissedCallsGrain : IGrainWithStringKey
{
    Task AddAsync(MissedCall call);

    /// <summary>Returns the missed calls, oldest first, and forgets them: each is shown once.</summary>
    Task<IReadOnlyList<MissedCall>> TakeAsync();
}
