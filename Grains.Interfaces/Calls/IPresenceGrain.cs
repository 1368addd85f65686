namespace SecureCall.Grains.Interfaces.Calls;

/// <summary>
/// Where a user is connected (key: user id): the frontends holding their browser connections, the call they are in,
/// and their recent offer nonces. Kept in memory: frontends re-announce their users while they stay connected.
/// </summary>
public interface IPresenceGrain : IGrainWithStringKey
{
    Task AttachAsync(string frontendId, ICallObserver observer);

    Task DetachAsync(string frontendId);

    /// <summary>Delivers to all the user's frontends; returns how many received it.</summary>
    Task<int> DeliverAsync(CallSignal signal, string? exceptConnectionId = null);

    /// <summary>Claims the user's single call slot for <paramref name="callId"/>; false when busy with another call.</summary>
    Task<bool> TryBeginCallAsync(string callId);

    Task EndCallAsync(string callId);

    /// <summary>Records an offer nonce; false if this user already used it recently (replay).</summary>
    Task<bool> TryUseOfferNonceAsync(string nonce);

    /// <summary>
    /// Admits a new proof-of-life session against the per-user rate and the limit on sessions open at once; false when
    /// over either. The session counts as open until it ends or its deadline passes.
    /// </summary>
    Task<bool> TryStartVerificationAsync(string sessionId, DateTimeOffset deadline);

    /// <summary>A session ended (passed, failed, expired or terminated).</summary>
    Task EndVerificationAsync(string sessionId);

    /// <summary>Counts a call placement against the per-user rate; false when over it.</summary>
    Task<bool> TryPlaceCallAsync();
}
