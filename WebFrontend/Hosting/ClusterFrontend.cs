using SecureCall.Hosting;
using SecureCall.Options;

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
        builder.Services.AddSecureCallCommonServices(builder.Configuration);
        // Tokens are signed by the silos; a frontend only validates them, with the keys of the shared key directory. It
        // must never create a key of its own that no silo would sign with.
        builder.Services.PostConfigure<TokenOptions>(o => o.GenerateKeyIfMissing = false);
        return builder;
    }
}
