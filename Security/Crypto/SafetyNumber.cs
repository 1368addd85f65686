using System.Security.Cryptography;
using System.Text;

namespace SecureCall.Security.Crypto;

/// <summary>
/// Signal's numeric fingerprint ("safety number", NumericFingerprintGenerator version 0) over each user's signing
/// public key (SPKI DER) and user id: SHA-512 of 0x0000 ‖ key ‖ id, then 5,199 further rounds of SHA-512 over
/// digest ‖ key; the first 30 bytes give six 5-digit groups (5-byte big-endian chunks mod 100,000). The two halves
/// are sorted and joined so both people see the same 60 digits. The browser client computes the same
/// (Client.Web/src/crypto/SafetyNumber.ts; shared vectors in safety-number-vectors.json).
/// </summary>
public static class SafetyNumber
{
    public const int Iterations = 5200;

    public static string Compute(string userA, ReadOnlySpan<byte> spkiA, string userB, ReadOnlySpan<byte> spkiB)
    {
        var (a, b) = (Half(userA, spkiA), Half(userB, spkiB));
        return string.CompareOrdinal(a, b) < 0 ? a + b : b + a;
    }

    private static string Half(string userId, ReadOnlySpan<byte> spki)
    {
        var id = Encoding.UTF8.GetBytes(userId);
        var input = new byte[2 + spki.Length + id.Length];
        spki.CopyTo(input.AsSpan(2));
        id.CopyTo(input.AsSpan(2 + spki.Length));
        var digest = SHA512.HashData(input);
        var round = new byte[digest.Length + spki.Length];
        spki.CopyTo(round.AsSpan(digest.Length));
        for (var i = 1; i < Iterations; i++)
        {
            digest.CopyTo(round, 0);
            digest = SHA512.HashData(round);
        }
        var digits = new StringBuilder(30);
        for (var chunk = 0; chunk < 6; chunk++)
        {
            long value = 0;
            for (var i = 0; i < 5; i++)
            {
                value = (value << 8) | digest[chunk * 5 + i];
            }
            digits.Append((value % 100_000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture));
        }
        return digits.ToString();
    }
}
