using SecureCall.Security.Audit;

namespace SecureCall.Storage.Postgres;

/// <summary>
/// The newest signed head checkpoint this silo wrote or read. A shared database holds no anchor outside itself, so this
/// memory is what lets a silo notice that checkpoints it saw were deleted (with the tail they vouched for).
/// </summary>
internal sealed class SeenHeadCheckpoint
{
    private readonly Lock _lock = new();
    private AuditCheckpoint? _newest;

    public AuditCheckpoint? Newest
    {
        get
        {
            lock (_lock)
            {
                return _newest;
            }
        }
    }

    public void Remember(AuditCheckpoint? checkpoint)
    {
        lock (_lock)
        {
            if (checkpoint is not null && (_newest is null || checkpoint.Sequence > _newest.Sequence))
            {
                _newest = checkpoint;
            }
        }
    }
}
