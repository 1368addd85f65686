namespace SecureCall.WebFrontend.Hosting;

/// <summary>The client's address as seen by this host (no proxy headers are trusted by default).</summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
