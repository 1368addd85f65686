using SecureCall.Hosting;
using SecureCall.Options;
using SecureCall.Security.Tokens;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// Cluster mode (<c>SecureCall:Hosting:Clustering=Postgres</c>): this process hosts no grains; it is an Orleans client
/// of the headless silos (<c>SecureCall.Silo</c>), which it finds in the PostgreSQL membership table. Any frontend can
/// serve any request: state lives in grains, and each frontend delivers call events to its own browsers through its
/// own observer, so no sticky sessions are needed.
/// </summary>
public static class ClusterFrontend
{
    public static bool IsClusterMode(IConfiguration configuration) =>
        configuration.GetValue<ClusteringMode?>($"{HostingOptions.SectionName}:{nameof(HostingOptions.Clustering)}") == ClusteringMode.Postgres;

    /// <summary>The silo in-process (standalone) or a client of the cluster, as configured.</summary>
    public static WebApplicationBuilder AddSecureCallBackend(this WebApplicationBuilder builder)
    {
        if (!IsClusterMode(builder.Configuration))
        {
            return builder.AddStandaloneSilo();
        }
        builder.UseOrleansClient(client => client.UseSecureCallCluster(builder.Configuration));
        // Tokens are signed by the silos; a frontend validates them with the public keys it fetches from them, and holds
        // no private key (registered before the common services, which would otherwise use a local key ring).
        builder.Services.AddSingleton<ClusterTokenKeys>();
        builder.Services.AddSingleton<ITokenValidationKeys>(sp => sp.GetRequiredService<ClusterTokenKeys>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterTokenKeys>());
        builder.Services.AddSecureCallCommonServices(builder.Configuration);
        return builder;
    }
}
