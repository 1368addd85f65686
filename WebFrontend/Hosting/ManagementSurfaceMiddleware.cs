using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SecureCall.Options;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// Keeps the operator surfaces and the public API apart by the port a request arrived on: on the public port the
/// scrape path and the dashboard answer 404, as if absent (whatever the client's address or <c>X-Forwarded-For</c>);
/// on the management port nothing else is served, and the dashboard needs its secret (HTTP Basic, 401 otherwise).
/// </summary>
public sealed class ManagementSurfaceMiddleware(
    RequestDelegate next, IOptions<ManagementOptions> management, IOptions<AdminDashboardOptions> dashboard, IOptions<TelemetryOptions> telemetry)
{
    private const string Realm = "SecureCall operators";
    private readonly byte[] _secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(dashboard.Value.Secret));

    public Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var path = context.Request.Path;
        var isMetrics = !string.IsNullOrEmpty(telemetry.Value.ScrapePath) && path == telemetry.Value.ScrapePath;
        var isDashboard = dashboard.Value.Enabled && path.StartsWithSegments(dashboard.Value.Path.TrimEnd('/'));
        if (ManagementPort.IsManagementRequest(context, management.Value) != (isMetrics || isDashboard))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        if (isDashboard && !CarriesSecret(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Authentication required",
                Detail = "The dashboard needs the operators' secret (SecureCall:Dashboard:Secret) as the HTTP Basic password.",
                Type = "https://securecall.dev/problems/Unauthorized",
            };
            problem.Extensions["code"] = "Unauthorized";
            return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
        }
        return next(context);
    }

    // Any user name; the password is compared by its SHA-256 in constant time, so neither its length nor its bytes leak.
    private bool CarriesSecret(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || header.Length > 1024)
        {
            return false;
        }
        Span<byte> decoded = stackalloc byte[768];
        if (!Convert.TryFromBase64String(header["Basic ".Length..].Trim(), decoded, out var written))
        {
            return false;
        }
        var colon = decoded[..written].IndexOf((byte)':');
        return colon >= 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(decoded[(colon + 1)..written]), _secretHash);
    }
}
