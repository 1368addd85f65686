namespace SecureCall.Grains.Interfaces.Audit;

/// <summary>
/// Carries the caller's origin (client IP) from the web host into grains through Orleans' request context, so
/// events audited deep inside a grain still say where the request came from.
/// </summary>
public static class AuditSource
{
    private const string Key = "securecall.source";

    public static string Current => RequestContext.Get(Key) as string ?? "silo";

    public static void Set(string? source) => RequestContext.Set(Key, string.IsNullOrEmpty(source) ? "unknown" : source);
}
