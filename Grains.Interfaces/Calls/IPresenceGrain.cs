namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>
/// Where a user is connected (key: user id): the frontends holding their browser connections, each with its
/// process's observer. Kept in memory: frontends re-announce their users while they stay connected. The user's call
/// slot and rates are another concern (<see cref="Identity.IUserLimitsGrain"/>). Whether the user is online is asked of
/// their <see cref="IPresenceShardGrain"/>, never of this grain, so that asking activates nothing per id.
/// </summary>
public interface IPresenceGrain : IGrainWithStringKey
{
    Task AttachAsync(string frontendId, ICallObserver observer);

    Task DetachAsync(string frontendId);

    /// <summary>Delivers to all the user's frontends; returns how many received it.</summary>
    Task<int> DeliverAsync(CallSignal signal, string? exceptConnectionId = null);
}
