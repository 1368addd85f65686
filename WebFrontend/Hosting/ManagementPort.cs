using SecureCall.Options;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// Opens the management port beside the public URLs and validates what it serves: metrics, and the dashboard only
/// with a credential (the host refuses to start with the dashboard on and no secret, or with no port to serve it on).
/// </summary>
public static class ManagementPort
{
    public static WebApplicationBuilder AddSecureCallManagementPort(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ManagementOptions>().BindConfiguration(ManagementOptions.SectionName).ValidateOnStart()
            .Validate(o => o.Port is >= 0 and <= 65535 && System.Net.IPAddress.TryParse(o.Address, out _),
                "SecureCall:Management:Port must be 0–65535 and Address an IP address (127.0.0.1 by default).");
        builder.Services.AddOptions<AdminDashboardOptions>().BindConfiguration(AdminDashboardOptions.SectionName).ValidateOnStart()
            .Validate(o => !o.Enabled || o.Secret.Length >= AdminDashboardOptions.MinimumSecretLength,
                $"SecureCall:Dashboard:Enabled needs SecureCall:Dashboard:Secret (at least {AdminDashboardOptions.MinimumSecretLength} characters): the dashboard shows user ids and a live log.")
            .Validate(o => !o.Enabled || builder.Configuration.GetValue<int>($"{ManagementOptions.SectionName}:Port") > 0,
                "SecureCall:Dashboard:Enabled needs SecureCall:Management:Port: the dashboard is served on the management port only.");
        var management = builder.Configuration.GetSection(ManagementOptions.SectionName).Get<ManagementOptions>() ?? new ManagementOptions();
        if (management.Port > 0)
        {
            AddUrl(builder, management.Url);
        }
        return builder;
    }

    /// <summary>
    /// Adds <paramref name="url"/> to the URLs Kestrel listens on without replacing the public ones (an explicit
    /// listen in code would make Kestrel ignore <c>--urls</c>, <c>ASPNETCORE_URLS</c> and <c>ASPNETCORE_HTTP_PORTS</c>).
    /// </summary>
    private static void AddUrl(WebApplicationBuilder builder, string url)
    {
        var configuration = builder.Configuration;
        if (configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            configuration["Kestrel:Endpoints:SecureCallManagement:Url"] = url;
            return;
        }
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrEmpty(urls))
        {
            var ports = (configuration["HTTP_PORTS"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}")
                .Concat((configuration["HTTPS_PORTS"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"https://*:{p}"))
                .ToList();
            urls = ports.Count > 0 ? string.Join(';', ports) : "http://localhost:5000";
        }
        builder.WebHost.UseUrls($"{urls};{url}");
    }

    /// <summary>Whether the request came in on the management port (the socket's own port, not the Host header).</summary>
    public static bool IsManagementRequest(HttpContext context, ManagementOptions options) =>
        options.Port > 0 && context.Connection.LocalPort == options.Port;
}
