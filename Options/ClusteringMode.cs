namespace SecureCall.Options;

/// <summary>Where silo membership comes from.</summary>
public enum ClusteringMode
{
    /// <summary>Standalone: one silo on this machine, state in the embedded SQLite database.</summary>
    Localhost,

    /// <summary>The host configures clustering itself (Orleans test clusters).</summary>
    External,

    /// <summary>
    /// Cluster mode: membership, grain state, reminders, challenges and the audit log in PostgreSQL
    /// (<see cref="PostgresOptions"/>); silos and frontends find each other through the membership table.
    /// </summary>
    Postgres,
}
