namespace SecureCall.Grains.Storage;

/// <summary>Names of the grain storage providers the grains ask for.</summary>
public static class StorageNames
{
    /// <summary>Long-lived state: users, keys, password hashes.</summary>
    public const string Users = "users";

    /// <summary>Calls: participants, state, signed offer and answer.</summary>
    public const string Calls = "calls";

    /// <summary>Proof-of-life sessions: challenges, nonces, outcomes (never frames).</summary>
    public const string Sessions = "sessions";
}
