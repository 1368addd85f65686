namespace SecureCall.Options;

/// <summary>The PostgreSQL database of cluster mode (<see cref="ClusteringMode.Postgres"/>).</summary>
public sealed class PostgresOptions
{
    public const string SectionName = "SecureCall:Postgres";

    /// <summary>
    /// Npgsql connection string, for example <c>Host=db;Database=securecall;Username=securecall;Password=…</c>. Keep the
    /// password out of files: set it from a secret (<c>SecureCall__Postgres__ConnectionString</c>).
    /// </summary>
    public string ConnectionString { get; set; } = "";
}
