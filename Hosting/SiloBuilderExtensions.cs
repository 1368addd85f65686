using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using SecureCall.Grains.Audit;
using SecureCall.Grains.Identity;
using SecureCall.Grains.Storage;
using SecureCall.Grains.Verification;
using SecureCall.Options;
using SecureCall.Options.Validators;
using SecureCall.Security;
using SecureCall.Security.Audit;
using SecureCall.Security.Challenges;
using SecureCall.Security.Passwords;
using SecureCall.Security.Templates;
using SecureCall.Security.Tokens;
using SecureCall.Storage.Sqlite;

namespace SecureCall.Hosting;

/// <summary>The one place a silo is configured, shared by the standalone web host, the headless silo and tests.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Configures a SecureCall silo.</summary>
    /// <param name="silo">The silo being built.</param>
    /// <param name="configuration">The host's configuration (sections <c>SecureCall:*</c>).</param>
    /// <param name="openGateway">
    /// Whether Orleans clients may connect to this silo (on <see cref="HostingOptions.GatewayPort"/>). The standalone
    /// web host passes false: its co-hosted frontend calls grains in-process, and a gateway would let any local process
    /// call any grain without credentials. Only a headless silo that serves external clients opens one.
    /// </param>
    public static ISiloBuilder AddSecureCallSilo(this ISiloBuilder silo, IConfiguration configuration, bool openGateway = true)
    {
        var hosting = configuration.GetSection(HostingOptions.SectionName).Get<HostingOptions>() ?? new HostingOptions();
        switch (hosting.Clustering)
        {
            case ClusteringMode.Localhost:
                var primary = hosting.PrimarySiloPort > 0 ? new IPEndPoint(IPAddress.Loopback, hosting.PrimarySiloPort) : null;
                // Gateway port 0 starts no gateway listener at all.
                silo.UseLocalhostClustering(hosting.SiloPort, openGateway ? hosting.GatewayPort : 0, primary, hosting.ServiceId, hosting.ClusterId);
                // Silo-to-silo traffic of a localhost cluster stays on this machine: listen on loopback only.
                silo.Configure<EndpointOptions>(endpoints => endpoints.SiloListeningEndpoint = new IPEndPoint(IPAddress.Loopback, hosting.SiloPort));
                break;
            case ClusteringMode.Postgres:
                silo.UsePostgresCluster(configuration, hosting, openGateway);
                break;
            case ClusteringMode.External when !openGateway:
                silo.Configure<EndpointOptions>(endpoints => endpoints.GatewayPort = 0);
                break;
        }
        // Reminders back the call deadlines; their table is in the database, so they outlive a silo.
        silo.AddReminders();
        // Grain calls carry the caller's trace context, so a request's trace spans frontend and silos.
        silo.AddActivityPropagation();
        silo.AddIncomingGrainCallFilter<StorageFailureFilter>();
        if (configuration.GetSection(AdminDashboardOptions.SectionName).Get<AdminDashboardOptions>() is { Enabled: true })
        {
            silo.AddDashboard();
        }
        silo.Services.AddSecureCallSiloServices(configuration, hosting.Clustering);
        return silo;
    }

    /// <summary>
    /// Options, the clock and token validation: what every SecureCall process needs, silo or frontend. The validation
    /// keys are the signing key ring's unless the caller registered other <see cref="ITokenValidationKeys"/> first (a
    /// cluster frontend registers the public keys it fetches from the silos).
    /// </summary>
    public static IServiceCollection AddSecureCallCommonServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(configuration, StorageOptions.SectionName);
        services.AddValidatedOptions<TokenOptions, TokenOptionsValidator>(configuration, TokenOptions.SectionName);
        services.AddValidatedOptions<SignalingOptions, SignalingOptionsValidator>(configuration, SignalingOptions.SectionName);
        services.AddValidatedOptions<VerificationOptions, VerificationOptionsValidator>(configuration, VerificationOptions.SectionName);
        services.TryAddSingleton(SecurityClock.System);
        services.TryAddSingleton<SigningKeyRing>();
        services.TryAddSingleton<ITokenValidationKeys>(sp => sp.GetRequiredService<SigningKeyRing>());
        services.TryAddSingleton<TokenValidator>();
        return services;
    }

    public static IServiceCollection AddSecureCallSiloServices(this IServiceCollection services, IConfiguration configuration, ClusteringMode mode)
    {
        services.AddSecureCallCommonServices(configuration);
        services.AddValidatedOptions<ChallengeOptions, ChallengeOptionsValidator>(configuration, ChallengeOptions.SectionName);
        services.AddValidatedOptions<PasswordOptions, PasswordOptionsValidator>(configuration, PasswordOptions.SectionName);
        services.AddValidatedOptions<AuditOptions, AuditOptionsValidator>(configuration, AuditOptions.SectionName);
        services.AddOptions<SecureCall.FaceAnalysis.FaceAnalysisOptions>().Bind(configuration.GetSection("SecureCall:Models"));
        services.AddSingleton<IPostConfigureOptions<SecureCall.FaceAnalysis.FaceAnalysisOptions>, ModelPathResolver>();
        services.AddOptions<InferenceOptions>().Bind(configuration.GetSection(InferenceOptions.SectionName))
            .Validate(o => o.MaxConcurrentInferences > 0 && o.MaxQueueWait >= TimeSpan.Zero && o.DeferredCueQueue > 0, "SecureCall:Inference limits must be positive.")
            .Validate(o => o.DeferredCueNice is >= 0 and <= 19, "SecureCall:Inference:DeferredCueNice is a nice value, 0 to 19.").ValidateOnStart();
        services.AddOptions<TemplateKeyOptions>().Bind(configuration.GetSection(TemplateKeyOptions.SectionName));

        services.TryAddSingleton<TokenIssuer>();
        services.TryAddSingleton<Argon2PasswordHasher>();
        services.TryAddSingleton<TemplateProtector>();
        services.TryAddSingleton<FaceAnalyzerHost>();
        services.TryAddSingleton<CueLane>();
        services.TryAddSingleton<IFaceFrameAnalyzer, OnnxFaceFrameAnalyzer>();
        services.AddHostedService<FaceModelWarmUp>();
        if (mode == ClusteringMode.Postgres)
        {
            services.AddPostgresStorage(configuration);
        }
        else
        {
            services.AddEmbeddedStorage();
        }
        services.AddHostedService<AuditPurgeService>();
        services.TryAddSingleton<AuditHeadCheckpointService>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditHeadCheckpointService>());
        services.AddHostedService<ExpiredChallengeSweeper>();
        // Last of the silo's own services: its StoppedAsync runs once the host has stopped them all, the silo included.
        services.AddHostedService<SiloShutdown>();
        return services;
    }

    /// <summary>Standalone mode's stores: grain state, reminders, challenges and the audit log in one SQLite file.</summary>
    private static IServiceCollection AddEmbeddedStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<SqliteDatabase>();
        services.TryAddSingleton<TemplateKeyRotation>();
        services.TryAddSingleton<IAuditLog, SqliteAuditLog>();
        services.TryAddSingleton<IChallengeStore, SqliteChallengeStore>();
        services.TryAddSingleton<IReminderTable, SqliteReminderTable>();
        foreach (var store in new[] { StorageNames.Users, StorageNames.Calls, StorageNames.Sessions })
        {
            services.AddGrainStorage(store, (sp, name) => new SqliteGrainStorage(
                name,
                sp.GetRequiredService<SqliteDatabase>(),
                new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>()),
                sp.GetRequiredService<SecurityClock>()));
        }
        return services;
    }
}
