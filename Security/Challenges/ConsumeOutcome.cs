namespace SecureCall.Security.Challenges;

/// <summary>What an attempt to use a challenge found.</summary>
public enum ConsumeOutcome
{
    /// <summary>This attempt used the challenge; no other attempt ever can.</summary>
    Consumed,

    /// <summary>An earlier attempt used it.</summary>
    AlreadyUsed,

    /// <summary>No such challenge (never issued, or swept after it expired).</summary>
    Unknown,
}
