using Orleans.Dashboard;
using SecureCall.Options;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// Serves the Orleans Dashboard when <see cref="AdminDashboardOptions.Enabled"/>, at its path, to loopback requests only:
/// anything else gets a 404, as if it were not there.
/// </summary>
public static class DashboardEndpoint
{
    public static WebApplication MapSecureCallDashboard(this WebApplication app)
    {
        var options = app.Configuration.GetSection(AdminDashboardOptions.SectionName).Get<AdminDashboardOptions>() ?? new AdminDashboardOptions();
        if (!options.Enabled)
        {
            return app;
        }
        app.MapOrleansDashboard(options.Path).AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address)
                ? await next(context)
                : Results.NotFound());
        app.Logger.LogWarning("The Orleans Dashboard is enabled at {Path} (loopback requests only)", options.Path);
        return app;
    }
}
