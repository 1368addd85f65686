using Orleans.Concurrency;
using SecureCall.Grains.Interfaces.Audit;
using SecureCall.Security.Audit;

namespace SecureCall.Grains.Audit;

/// <summary>The audit log for callers outside the silo; stateless and reentrant, so appends group into shared commits.</summary>
[StatelessWorker, Reentrant]
public sealed class AuditGrain(IAuditLog audit) : Grain, IAuditGrain
{
    public Task AppendAsync(AuditEvent auditEvent) => audit.AppendAsync(auditEvent);

    public async Task<AuditVerification> VerifyAsync(string requestedBy)
    {
        var result = await audit.VerifyAsync();
        await audit.AppendAsync(new AuditEvent(AuditEventType.AuditVerified, requestedBy, AuditSource.Current,
            result.IsIntact ? $"intact, {result.RecordsChecked} records" : $"{result.Finding} at {result.FirstBadSequence}"));
        return result;
    }
}
