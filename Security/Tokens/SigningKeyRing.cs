using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SecureCall.Options;

namespace SecureCall.Security.Tokens;

/// <summary>
/// The RSA keys that sign and validate tokens, each with a kid derived from its public key. Rotating means adding a
/// new PEM file and making it active; old files keep validating tokens (and audit checkpoints) until removed.
/// </summary>
public sealed class SigningKeyRing : ITokenValidationKeys
{
    private static readonly TimeSpan RescanInterval = TimeSpan.FromSeconds(2);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RsaSecurityKey> _keys = new(StringComparer.Ordinal);
    private readonly string _directory;
    private readonly Lock _rescanLock = new();
    private long _lastRescan;

    public SigningKeyRing(IOptions<TokenOptions> tokenOptions, IOptions<StorageOptions> storageOptions, ILogger<SigningKeyRing> logger)
    {
        var options = tokenOptions.Value;
        var directory = string.IsNullOrWhiteSpace(options.KeyDirectory)
            ? Path.Combine(Path.GetFullPath(storageOptions.Value.DataDirectory), "keys")
            : Path.GetFullPath(options.KeyDirectory);
        PrivateFiles.CreateDirectory(directory);
        _directory = directory;

        var files = new DirectoryInfo(directory).GetFiles("*.pem").OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name).ToList();
        if (!string.IsNullOrWhiteSpace(options.SigningKeyPath))
        {
            var configured = new FileInfo(Path.GetFullPath(options.SigningKeyPath));
            if (!configured.Exists)
            {
                throw new InvalidOperationException($"SecureCall:Tokens:SigningKeyPath {configured.FullName} does not exist.");
            }
            // Last in the list, so it is the active key unless ActiveKeyId says otherwise.
            files.RemoveAll(f => f.FullName == configured.FullName);
            files.Add(configured);
        }
        if (files.Count == 0)
        {
            if (!options.GenerateKeyIfMissing)
            {
                throw new InvalidOperationException($"No token signing key (*.pem) in {directory} and key generation is disabled.");
            }
            files.Add(Generate(directory));
            logger.LogInformation("Generated a new token signing key in {Directory}", directory);
        }

        string? newest = null;
        foreach (var file in files)
        {
            newest = Load(file);
        }

        var activeId = string.IsNullOrWhiteSpace(options.ActiveKeyId) ? newest! : options.ActiveKeyId;
        Active = _keys.TryGetValue(activeId, out var active)
            ? active
            : throw new InvalidOperationException($"Active token key '{activeId}' is not among the keys in {directory}.");
        Credentials = new SigningCredentials(Active, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>The key that signs new tokens.</summary>
    public RsaSecurityKey Active { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>Every key that validates tokens.</summary>
    public IReadOnlyCollection<RsaSecurityKey> All => _keys.Values.ToList();

    /// <summary>
    /// Finds a validation key by kid. An unknown kid triggers (at most every 2 s) a rescan of the key directory, so a
    /// key added by rotation or by another silo sharing the directory is picked up without a restart.
    /// </summary>
    public bool TryGet(string kid, out RsaSecurityKey key)
    {
        if (_keys.TryGetValue(kid, out key!))
        {
            return true;
        }
        var now = Environment.TickCount64;
        lock (_rescanLock)
        {
            if (now - _lastRescan >= RescanInterval.TotalMilliseconds)
            {
                _lastRescan = now;
                foreach (var file in new DirectoryInfo(_directory).GetFiles("*.pem"))
                {
                    try
                    {
                        Load(file);
                    }
                    catch (Exception exception) when (exception is CryptographicException or IOException or ArgumentException or InvalidOperationException)
                    {
                        // A half-written or foreign file is skipped; its kid stays unknown.
                    }
                }
            }
        }
        return _keys.TryGetValue(kid, out key!);
    }

    private string Load(FileInfo file)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(file.FullName));
        if (rsa.KeySize < 2048)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"Token signing key {file.Name} has {rsa.KeySize} bits; at least 2048 are required.");
        }
        var kid = KeyIdOf(rsa);
        if (!_keys.TryAdd(kid, new RsaSecurityKey(rsa) { KeyId = kid }))
        {
            rsa.Dispose();
        }
        return kid;
    }

    /// <summary>kid = first 16 bytes of SHA-256 over the public key's SPKI, base64url.</summary>
    public static string KeyIdOf(RSA rsa) => Base64Url.EncodeToString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()).AsSpan(0, 16));

    private static FileInfo Generate(string directory)
    {
        using var rsa = RSA.Create(TokenOptions.DefaultRsaKeyBits);
        var path = Path.Combine(directory, KeyIdOf(rsa) + ".pem");
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var writer = new StreamWriter(new FileStream(path, fileOptions)))
        {
            writer.Write(rsa.ExportPkcs8PrivateKeyPem());
        }
        return new FileInfo(path);
    }
}
