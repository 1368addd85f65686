using Microsoft.Extensions.Logging;
using SecureCall.Options;

namespace SecureCall.Security;

/// <summary>
/// A directory of key files (token signing keys, template key-encryption keys): configured, or a folder of the data
/// directory, created owner-only; its key files oldest first (the newest is the active one unless configured
/// otherwise); and the first key, written owner-only, when there is none and generating one is allowed.
/// </summary>
public sealed class KeyDirectory
{
    private readonly string _pattern;

    /// <param name="configured">The operator's directory, or empty for <paramref name="defaultName"/> in the data directory.</param>
    /// <param name="pattern">The key files' pattern, e.g. <c>*.pem</c>.</param>
    public KeyDirectory(string? configured, StorageOptions storage, string defaultName, string pattern)
    {
        Path = string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.Combine(System.IO.Path.GetFullPath(storage.DataDirectory), defaultName)
            : System.IO.Path.GetFullPath(configured);
        _pattern = pattern;
        PrivateFiles.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The key files, oldest first (by write time, then name).</summary>
    public List<FileInfo> Files() =>
        new DirectoryInfo(Path).GetFiles(_pattern).OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name).ToList();

    /// <summary>
    /// Writes the first key (owner-only, never over an existing file) and logs it, or refuses to start when generation
    /// is disabled: an operator who provisions keys must not silently get a fresh one.
    /// </summary>
    /// <param name="what">What the key is, for the messages: "token signing key".</param>
    /// <param name="create">The new key's file name and content.</param>
    public FileInfo CreateFirstKey(bool allowed, string what, Func<(string FileName, string Content)> create, ILogger logger)
    {
        if (!allowed)
        {
            throw new InvalidOperationException($"No {what} ({_pattern}) in {Path} and key generation is disabled.");
        }
        var (fileName, content) = create();
        var path = System.IO.Path.Combine(Path, fileName);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFiles.FileMode;
        }
        using (var writer = new StreamWriter(new FileStream(path, options)))
        {
            writer.Write(content);
        }
        logger.LogInformation("Generated a new {What} in {Directory}", what, Path);
        return new FileInfo(path);
    }
}
