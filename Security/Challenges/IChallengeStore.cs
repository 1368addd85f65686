namespace SecureCall.Security.Challenges;

/// <summary>
/// Durable, shared store of issued challenges. Using a challenge is one atomic step in the database, so a nonce is
/// consumed at most once however many grains, silos or retries race for it.
/// </summary>
public interface IChallengeStore
{
    /// <summary>Stores a new challenge; false if its id is already taken. Completes once durable.</summary>
    Task<bool> AddAsync(ChallengeRecord challenge);

    /// <summary>Marks the challenge used, unless it already was; completes once that is durable.</summary>
    Task<ChallengeConsumption> ConsumeAsync(string challengeId, DateTimeOffset now);

    /// <summary>Deletes challenges that expired before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteExpiredBeforeAsync(DateTimeOffset cutoff);
}
