using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureCall.Options;

namespace SecureCall.Security.Templates;

/// <summary>
/// Envelope encryption of face templates with AES-256-GCM: a fresh data key per record, wrapped by a key-encryption
/// key read from files outside the database. Layout of each sealed blob: 12-byte nonce ‖ ciphertext ‖ 16-byte tag.
/// </summary>
public sealed class TemplateProtector
{
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public TemplateProtector(IOptions<TemplateKeyOptions> options, IOptions<StorageOptions> storage, ILogger<TemplateProtector> logger)
    {
        var o = options.Value;
        var directory = new KeyDirectory(o.KeyDirectory, storage.Value, "kek", "*.kek");
        var files = directory.Files();
        if (files.Count == 0)
        {
            files.Add(directory.CreateFirstKey(o.GenerateKeyIfMissing, "template key-encryption key", Generate, logger));
        }
        foreach (var file in files)
        {
            var key = Convert.FromBase64String(File.ReadAllText(file.FullName).Trim());
            if (key.Length != KeyBytes)
            {
                throw new InvalidOperationException($"Template key {file.Name} must hold {KeyBytes} bytes (base64).");
            }
            _keys[Path.GetFileNameWithoutExtension(file.Name)] = key;
        }
        ActiveKeyId = string.IsNullOrWhiteSpace(o.ActiveKeyId) ? Path.GetFileNameWithoutExtension(files[^1].Name) : o.ActiveKeyId;
        if (!_keys.ContainsKey(ActiveKeyId))
        {
            throw new InvalidOperationException($"Active template key '{ActiveKeyId}' is not in {directory.Path}.");
        }
    }

    public string ActiveKeyId { get; }

    public EncryptedTemplate Protect(string userId, ReadOnlySpan<float> template)
    {
        var dataKey = RandomNumberGenerator.GetBytes(KeyBytes);
        try
        {
            var plaintext = MemoryMarshal.AsBytes(template).ToArray();
            var ciphertext = Seal(dataKey, plaintext, Context("data", userId, ActiveKeyId));
            CryptographicOperations.ZeroMemory(plaintext);
            return new EncryptedTemplate(ActiveKeyId, Seal(_keys[ActiveKeyId], dataKey, Context("key", userId, ActiveKeyId)), ciphertext, template.Length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Decrypts; throws <see cref="CryptographicException"/> if anything was altered, swapped between users, or the key is unknown.</summary>
    public float[] Unprotect(string userId, EncryptedTemplate sealedTemplate)
    {
        if (!_keys.TryGetValue(sealedTemplate.KeyId, out var kek))
        {
            throw new CryptographicException($"Template key '{sealedTemplate.KeyId}' is not available.");
        }
        var dataKey = Open(kek, sealedTemplate.WrappedKey, Context("key", userId, sealedTemplate.KeyId));
        try
        {
            var plaintext = Open(dataKey, sealedTemplate.Ciphertext, Context("data", userId, sealedTemplate.KeyId));
            if (plaintext.Length != sealedTemplate.Dimensions * sizeof(float))
            {
                throw new CryptographicException("Template length does not match its recorded dimensions.");
            }
            var template = MemoryMarshal.Cast<byte, float>(plaintext).ToArray();
            CryptographicOperations.ZeroMemory(plaintext);
            return template;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Rotation: re-seals the record under the active key (a fresh data key, wrapped by the active KEK).</summary>
    public EncryptedTemplate Rewrap(string userId, EncryptedTemplate sealedTemplate)
    {
        if (sealedTemplate.KeyId == ActiveKeyId)
        {
            return sealedTemplate;
        }
        var template = Unprotect(userId, sealedTemplate);
        try
        {
            return Protect(userId, template);
        }
        finally
        {
            Array.Clear(template);
        }
    }

    private static byte[] Context(string part, string userId, string keyId) => Encoding.UTF8.GetBytes($"securecall/template/v1\n{part}\n{userId}\n{keyId}");

    private static byte[] Seal(byte[] key, byte[] plaintext, byte[] associated)
    {
        var output = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceBytes, plaintext.Length), output.AsSpan(NonceBytes + plaintext.Length), associated);
        return output;
    }

    private static byte[] Open(byte[] key, byte[] sealedBytes, byte[] associated)
    {
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("Sealed data is truncated.");
        }
        var length = sealedBytes.Length - NonceBytes - TagBytes;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), plaintext, associated);
        return plaintext;
    }

    private static (string FileName, string Content) Generate() =>
        ("kek-" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(6)) + ".kek", Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)));
}
