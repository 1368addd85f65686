namespace SecureCall.Grains.Interfaces.Audit;

/// <summary>
/// One security event before it is chained. <paramref name="Subject"/> is the user or object concerned,
/// <paramref name="Source"/> where it came from (client IP, grain), <paramref name="Detail"/> a short reason.
/// Never put secrets, nonces or images in it.
/// </summary>
public sealed record AuditEvent(AuditEventType Type, string Subject, string Source, string Detail);
