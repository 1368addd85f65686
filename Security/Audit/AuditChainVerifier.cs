using System.Security.Cryptography;
using SecureCall.Grains.Interfaces.Audit;

namespace SecureCall.Security.Audit;

/// <summary>
/// Walks a chain in sequence order and reports its first defect, whatever store the records come from: the start is
/// the signed purge checkpoint (or genesis), every record must follow its predecessor, link to it and hash to its
/// stored hash, and every signed head checkpoint must name a record that is still there with the same hash.
/// </summary>
public sealed class AuditChainVerifier
{
    private readonly ILookup<long, AuditCheckpoint> _heads;
    private byte[] _previousHash;
    private long _expected;
    private long _checked;

    private AuditChainVerifier(byte[] previousHash, long expected, List<AuditCheckpoint> heads)
    {
        _previousHash = previousHash;
        _expected = expected;
        _heads = heads.ToLookup(h => h.Sequence);
        NewestHead = heads.MaxBy(h => h.Sequence);
    }

    /// <summary>The first defect met; once set, <see cref="Accept"/> refuses every further record.</summary>
    public AuditVerification? Failure { get; private set; }

    /// <summary>The newest signed head checkpoint that names a record past the purge checkpoint.</summary>
    public AuditCheckpoint? NewestHead { get; }

    /// <summary>The sequence of the last record accepted (the purge checkpoint's before the first).</summary>
    public long LastSequence => _expected - 1;

    /// <summary>The hash of the last record accepted (the purge checkpoint's, or genesis, before the first).</summary>
    public byte[] LastHash => _previousHash;

    /// <summary>
    /// Checks the checkpoints' signatures and sets the starting point. Heads at or before the purge checkpoint name
    /// purged records, which the purge checkpoint vouches for, so they are set aside.
    /// </summary>
    public static AuditChainVerifier Start(AuditCheckpointSigner signer, AuditCheckpoint? purge, IEnumerable<AuditCheckpoint?> heads)
    {
        if (purge is not null && !signer.IsAuthenticPurge(purge))
        {
            return Failed(AuditFinding.CheckpointInvalid, purge.Sequence, "The purge checkpoint's signature is invalid.");
        }
        var expected = purge is null ? 1 : purge.Sequence + 1;
        var kept = new List<AuditCheckpoint>();
        foreach (var head in heads)
        {
            if (head is null)
            {
                continue;
            }
            if (!signer.IsAuthenticHead(head))
            {
                return Failed(AuditFinding.CheckpointInvalid, head.Sequence,
                    $"The head checkpoint for record {head.Sequence} is not signed by a known token key.");
            }
            if (head.Sequence >= expected)
            {
                kept.Add(head);
            }
        }
        return new AuditChainVerifier(purge?.Hash ?? AuditChain.Genesis, expected, kept);

        static AuditChainVerifier Failed(AuditFinding finding, long sequence, string reason) =>
            new(AuditChain.Genesis, 1, []) { Failure = new AuditVerification(false, finding, 0, sequence, reason) };
    }

    /// <summary>Checks the next record; false (and <see cref="Failure"/> set) at the first defect.</summary>
    public bool Accept(AuditRecord record)
    {
        if (Failure is not null)
        {
            return false;
        }
        if (record.Sequence != _expected)
        {
            return Fail(AuditFinding.RecordMissing, _expected, _expected == record.Sequence - 1
                ? $"Record {_expected} is missing (deleted)."
                : $"Records {_expected} to {record.Sequence - 1} are missing (deleted).");
        }
        if (!CryptographicOperations.FixedTimeEquals(record.PreviousHash, _previousHash))
        {
            return Fail(AuditFinding.BrokenLink, record.Sequence, $"Record {record.Sequence} does not link to its predecessor.");
        }
        if (!CryptographicOperations.FixedTimeEquals(AuditChain.Hash(record), record.Hash))
        {
            return Fail(AuditFinding.RecordAltered, record.Sequence, $"Record {record.Sequence} was altered.");
        }
        foreach (var head in _heads[record.Sequence])
        {
            if (!CryptographicOperations.FixedTimeEquals(head.Hash, record.Hash))
            {
                return Fail(AuditFinding.HeadMismatch, record.Sequence,
                    $"Record {record.Sequence} differs from the signed head checkpoint of {head.CreatedAt:O}: the chain up to it was rewritten.");
            }
        }
        _previousHash = record.Hash;
        _expected++;
        _checked++;
        return true;
    }

    /// <summary>The verdict once every record was read: the first defect, or a tail cut short of the newest head.</summary>
    public AuditVerification Finish()
    {
        if (Failure is not null)
        {
            return Failure;
        }
        var last = LastSequence;
        if (NewestHead is not null && NewestHead.Sequence > last)
        {
            return Broken(AuditFinding.TailMissing, last + 1,
                $"The log ends at record {last}, but the signed head checkpoint of {NewestHead.CreatedAt:O} vouches for records up to {NewestHead.Sequence}: records {last + 1} to {NewestHead.Sequence} were cut off.");
        }
        return new AuditVerification(true, AuditFinding.Intact, _checked, null, "Intact.", last > 0 ? last : null, NewestHead?.Sequence, NewestHead?.CreatedAt);
    }

    /// <summary>A defect found outside the walk (a store's own evidence), reported with the progress so far.</summary>
    public AuditVerification Broken(AuditFinding finding, long? sequence, string reason) =>
        Failure ?? new AuditVerification(false, finding, _checked, sequence, reason, null, NewestHead?.Sequence, NewestHead?.CreatedAt);

    private bool Fail(AuditFinding finding, long sequence, string reason)
    {
        Failure = Broken(finding, sequence, reason);
        return false;
    }
}
