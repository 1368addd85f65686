namespace SecureCall.Grains.Interfaces.Audit;

/// <summary>
/// One security event before it is chained. <paramref name="Subject"/> is the user or object concerned,
/// <paramref name="Source"/> where it came from (client IP, grain), <paramref name="Detail"/> a short reason.
/// Never put secrets, nonces or images in it.
/// </summary>
[GenerateSerializer, Immutable, Alias("securecall.audit-event")]
public sealed record AuditEvent(
    [property: Id(0)] AuditEventType Type,
    [property: Id(1)] string Subject,
    [property: Id(2)] string Source,
    [property: Id(3)] string Detail);
