using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Microsoft.Extensions.Options;
using SecureCall.Options;

namespace SecureCall.Security.Passwords;

/// <summary>
/// Argon2id password hashes stored as PHC strings (<c>$argon2id$v=19$m=…,t=…,p=…$salt$hash</c>), so parameters can
/// be raised later without breaking existing hashes.
/// </summary>
public sealed class Argon2PasswordHasher(IOptions<PasswordOptions> options)
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const int MaxStoredMemoryKiB = 1 << 20;
    private const int MaxStoredIterations = 64;
    private const int MaxStoredParallelism = 16;

    public string Hash(string password)
    {
        var o = options.Value;
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Compute(password, salt, o.MemoryKiB, o.Iterations, o.Parallelism);
        return string.Create(CultureInfo.InvariantCulture,
            $"$argon2id$v=19$m={o.MemoryKiB},t={o.Iterations},p={o.Parallelism}${Encode(salt)}${Encode(hash)}");
    }

    /// <summary>Verifies in constant time; a malformed stored string verifies as false rather than throwing.</summary>
    public bool Verify(string password, string phc)
    {
        if (!TryParse(phc, out var memory, out var iterations, out var parallelism, out var salt, out var expected))
        {
            return false;
        }
        var actual = Compute(password, salt, memory, iterations, parallelism, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Burns the same work as a real check, so an unknown user takes as long as a wrong password.</summary>
    public void SpendEquivalentWork(string password)
    {
        var o = options.Value;
        Compute(password, new byte[SaltBytes], o.MemoryKiB, o.Iterations, o.Parallelism);
    }

    private static byte[] Compute(string password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length = HashBytes)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = memoryKiB,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return argon.GetBytes(length);
    }

    private static bool TryParse(string phc, out int memory, out int iterations, out int parallelism, out byte[] salt, out byte[] hash)
    {
        memory = iterations = parallelism = 0;
        salt = hash = [];
        var parts = phc.Split('$');
        if (parts.Length != 6 || parts[0].Length != 0 || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }
        foreach (var pair in parts[3].Split(','))
        {
            var kv = pair.Split('=');
            if (kv.Length != 2 || !int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }
            switch (kv[0])
            {
                case "m": memory = value; break;
                case "t": iterations = value; break;
                case "p": parallelism = value; break;
                default: return false;
            }
        }
        // Bounds keep a tampered row from turning one login into an unbounded amount of work.
        if (memory is < 8 or > MaxStoredMemoryKiB || iterations is < 1 or > MaxStoredIterations || parallelism is < 1 or > MaxStoredParallelism)
        {
            return false;
        }
        return TryDecode(parts[4], out salt) && TryDecode(parts[5], out hash) && salt.Length >= 8 && hash.Length >= 16;
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }
        bytes = [];
        return false;
    }
}
