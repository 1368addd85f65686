namespace SecureCall.Security;

/// <summary>
/// The data directory holds password hashes, e-mail addresses, client IPs and keys: on Unix its directories are
/// created (or tightened to) mode 700 and its files 600, whatever the process umask. No-ops on Windows.
/// </summary>
public static class PrivateFiles
{
    /// <summary>Owner read, write and search: <c>rwx------</c>.</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Owner read and write: <c>rw-------</c>.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (and missing parents) as 700, or tightens an existing one to 700.</summary>
    public static void EnsureDirectory(string path)
    {
        CreateDirectory(path);
        if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(path) != DirectoryMode)
        {
            File.SetUnixFileMode(path, DirectoryMode);
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> (and missing parents) as 700 if it is missing; an existing one is left as it is
    /// (an operator's key directory may be a read-only mount).
    /// </summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }
    }

    /// <summary>Creates an empty <paramref name="path"/> as 600 if it is missing, or tightens an existing one to 600.</summary>
    public static void EnsureFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        // OpenOrCreate is atomic: two silos starting on one data directory must not race between a check and a create.
        using (new FileStream(path, new FileStreamOptions
        {
            Mode = System.IO.FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = FileMode,
        }))
        {
        }
        Tighten(path);
    }

    /// <summary>Sets an existing file to 600; does nothing if it does not exist.</summary>
    public static void Tighten(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && File.GetUnixFileMode(path) != FileMode)
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }
}
