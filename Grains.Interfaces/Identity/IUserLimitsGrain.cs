namespace SecureCall.Grains.Interfaces.Identity;

/// <summary>
/// A user's limits (key: user id): the single call slot, recently used offer nonces, and the rates of calls placed,
/// proof-of-life sessions started, stand-alone face checks run and presence look-ups. Kept in memory; it stays active
/// while a call or session holds a slot.
/// </summary>
public interface IUserLimitsGrain : IGrainWithStringKey
{
    /// <summary>Claims the user's single call slot for <paramref name="callId"/>; false when busy with another call.</summary>
    Task<bool> TryBeginCallAsync(string callId, string callerId, string calleeId);

    /// <summary>The call from <paramref name="callerId"/> to <paramref name="calleeId"/> holding this user's slot, if any.</summary>
    Task<string?> GetCallAsync(string callerId, string calleeId);

    Task EndCallAsync(string callId);

    /// <summary>The calls holding this user's slot (at most one unless concurrent calls are allowed).</summary>
    Task<IReadOnlyList<string>> GetCallIdsAsync();

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

    /// <summary>
    /// Counts one stand-alone face check (<c>POST /api/auth/face-verify</c>) against the per-user rate, before any
    /// frame is analysed; false when over it.
    /// </summary>
    Task<bool> TryFaceCheckAsync();

    /// <summary>
    /// Counts <paramref name="userIds"/> presence look-ups against the user's budget (a token bucket): null when
    /// admitted, else how long until they would be.
    /// </summary>
    Task<TimeSpan?> TryPresenceLookupsAsync(int userIds);
}
