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
    private readonly KeyDirectory _directory;
    private readonly Lock _rescanLock = new();
    private readonly IntervalGate _rescanGate = new(RescanInterval);

    public SigningKeyRing(IOptions<TokenOptions> tokenOptions, IOptions<StorageOptions> storageOptions, ILogger<SigningKeyRing> logger)
    {
        var options = tokenOptions.Value;
        _directory = new KeyDirectory(options.KeyDirectory, storageOptions.Value, "keys", "*.pem");
        var files = _directory.Files();
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
            files.Add(_directory.CreateFirstKey(options.GenerateKeyIfMissing, "token signing key", Generate, logger));
        }

        string? newest = null;
        foreach (var file in files)
        {
            newest = Load(file);
        }

        var activeId = string.IsNullOrWhiteSpace(options.ActiveKeyId) ? newest! : options.ActiveKeyId;
        Active = _keys.TryGetValue(activeId, out var active)
            ? active
            : throw new InvalidOperationException($"Active token key '{activeId}' is not among the keys in {_directory.Path}.");
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
        // Under the lock, so a caller that finds the rescan just done waits for it and then sees its keys.
        lock (_rescanLock)
        {
            if (_rescanGate.TryPass())
            {
                foreach (var file in _directory.Files())
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

    private static (string FileName, string Content) Generate()
    {
        using var rsa = RSA.Create(TokenOptions.DefaultRsaKeyBits);
        return (KeyIdOf(rsa) + ".pem", rsa.ExportPkcs8PrivateKeyPem());
    }
}
