using SecureCall.Hosting;

namespace SecureCall.WebFrontend.Hosting;

/// <summary>
/// Standalone mode: this process is also the (single) silo, with its state in the local data directory. The only
/// place the frontend names the silo's composition (<see cref="SiloBuilderExtensions"/>); APIs and hubs reach the
/// silo through grain interfaces alone, as they would from a separate cluster.
/// </summary>
public static class StandaloneSilo
{
    /// <summary>
    /// Co-hosts a silo configured as the headless silo host configures one, except that it opens no Orleans gateway:
    /// the frontend calls grains in-process, and nothing outside this process may call a grain.
    /// </summary>
    public static WebApplicationBuilder AddStandaloneSilo(this WebApplicationBuilder builder)
    {
        builder.UseOrleans(silo => silo.AddSecureCallSilo(builder.Configuration, openGateway: false));
        return builder;
    }

    /// <summary>Re-seals every face template under the active key-encryption key (the <c>rotate-template-keys</c> command).</summary>
    public static Task<(int Users, int Rewrapped)> RotateTemplateKeysAsync(IServiceProvider services) =>
        services.GetRequiredService<TemplateKeyRotation>().RunAsync();
}
