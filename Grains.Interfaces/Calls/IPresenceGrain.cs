using Orleans.Concurrency;

namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>
/// Where a user is connected (key: user id): the frontends holding their browser connections, each with its
/// process's observer. Kept in memory: frontends re-announce their users while they stay connected. The user's call
/// slot and rates are another concern (<see cref="Identity.IUserLimitsGrain"/>).
/// </summary>
public interface IPresenceGrain : IGrainWithStringKey
{
    Task AttachAsync(string frontendId, ICallObserver observer);

    Task DetachAsync(string frontendId);

    /// <summary>Whether a frontend has announced this user recently (a browser of theirs can be rung).</summary>
    [ReadOnly]
    Task<bool> IsOnlineAsync();

    /// <summary>Delivers to all the user's frontends; returns how many received it.</summary>
    Task<int> DeliverAsync(CallSignal signal, string? exceptConnectionId = null);
}
