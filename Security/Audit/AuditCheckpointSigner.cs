using System.Security.Cryptography;
using SecureCall.Security.Tokens;

namespace SecureCall.Security.Audit;

/// <summary>Signs purge and head checkpoints with the active token key and checks them against every known key.</summary>
public sealed class AuditCheckpointSigner(SigningKeyRing keys)
{
    public AuditCheckpoint SignPurge(long sequence, byte[] hash, DateTimeOffset now) => Sign(sequence, hash, now, AuditCheckpoint.SignedBytes);

    public AuditCheckpoint SignHead(long sequence, byte[] hash, DateTimeOffset now) => Sign(sequence, hash, now, AuditCheckpoint.HeadSignedBytes);

    public bool IsAuthenticPurge(AuditCheckpoint checkpoint) => IsAuthentic(checkpoint, AuditCheckpoint.SignedBytes);

    public bool IsAuthenticHead(AuditCheckpoint checkpoint) => IsAuthentic(checkpoint, AuditCheckpoint.HeadSignedBytes);

    /// <summary>
    /// Why a stored head checkpoint contradicts the chain (null if it does not): it is not authentic, it vouches for
    /// records past the chain's head, or its record (<paramref name="recordHash"/>, null if absent) has another hash.
    /// A head at or before the purge checkpoint names a purged record and contradicts nothing.
    /// </summary>
    public string? HeadContradiction(AuditCheckpoint stored, long purgedUpTo, long headSequence, byte[]? recordHash)
    {
        if (!IsAuthenticHead(stored))
        {
            return $"The stored head checkpoint for record {stored.Sequence} is not signed by a known token key.";
        }
        if (stored.Sequence <= purgedUpTo)
        {
            return null;
        }
        if (stored.Sequence > headSequence)
        {
            return $"The log ends at record {headSequence}, but the signed head checkpoint of {stored.CreatedAt:O} vouches for records up to {stored.Sequence}.";
        }
        return recordHash is null || !CryptographicOperations.FixedTimeEquals(recordHash, stored.Hash)
            ? $"Record {stored.Sequence} is missing or differs from the signed head checkpoint of {stored.CreatedAt:O}."
            : null;
    }

    private delegate byte[] SignedBytesOf(long sequence, ReadOnlySpan<byte> hash, DateTimeOffset createdAt);

    private AuditCheckpoint Sign(long sequence, byte[] hash, DateTimeOffset now, SignedBytesOf signedBytes)
    {
        var key = keys.Active;
        var signature = key.Rsa.SignData(signedBytes(sequence, hash, now), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        // Stored at millisecond precision, as it was signed.
        return new AuditCheckpoint(sequence, hash, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), key.KeyId, signature);
    }

    private bool IsAuthentic(AuditCheckpoint checkpoint, SignedBytesOf signedBytes) =>
        keys.TryGet(checkpoint.KeyId, out var key)
        && key.Rsa.VerifyData(
            signedBytes(checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAt),
            checkpoint.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
