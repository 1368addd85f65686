namespace SecureCall.Options;

/// <summary>Where the embedded (standalone) system keeps its durable state.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "SecureCall:Storage";
    public const string DefaultDataDirectory = "data";
    public const string DefaultDatabaseFileName = "securecall.db";

    /// <summary>Directory for the SQLite database and generated keys; relative paths resolve against the working directory.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>SQLite file name inside <see cref="DataDirectory"/>.</summary>
    public string DatabaseFileName { get; set; } = DefaultDatabaseFileName;

    /// <summary>
    /// When true (default) every commit is flushed to disk (SQLite <c>synchronous=FULL</c>); false trades the last
    /// commits on power loss for speed (<c>NORMAL</c>). Commits are grouped, so the cost is paid once per batch.
    /// </summary>
    public bool FlushEveryCommit { get; set; } = true;

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), DatabaseFileName);
}
