using Orleans.Dashboard;
using SecureCall.Options;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// Serves the Orleans Dashboard when <see cref="AdminDashboardOptions.Enabled"/>, at its path; only on the management
/// port and with the operators' secret (<see cref="ManagementSurfaceMiddleware"/>), a 404 anywhere else.
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
        app.MapOrleansDashboard(options.Path);
        app.Logger.LogWarning("The Orleans Dashboard is enabled at {Path} on the management port (HTTP Basic with the configured secret)", options.Path);
        return app;
    }
}
