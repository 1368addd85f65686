using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Hosting;
using SecureCall.Security;
using SecureCall.Security.Audit;
using SecureCall.Security.Tokens;

namespace SecureCall.Grains.Tests.Infrastructure;

/// <summary>
/// Two in-process silos configured exactly as production configures them, sharing one SQLite file (so a grain
/// re-activated on the other silo after a crash finds its state) and one fake security clock.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>The audit log as seen by the first silo (all silos write to the same file).</summary>
    public IAuditLog Audit => Cluster.Silos[0].ServiceProvider.GetRequiredService<IAuditLog>();

    /// <summary>
    /// What the HTTP layer would pass along for <paramref name="userId"/>: a token issued by the cluster's own issuer,
    /// with <paramref name="amr"/> (a signature login, <c>sig</c>, when none is given).
    /// </summary>
    public IdentityProof SignedIn(string userId, params string[] amr) =>
        new(Cluster.Silos[0].ServiceProvider.GetRequiredService<TokenIssuer>().Issue(userId, amr.Length == 0 ? [ClaimNames.Signature] : amr).Token);

    /// <summary>Settings a derived fixture adds or overrides (e.g. a restricted challenge set).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public async ValueTask InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SecureCall:Hosting:Clustering"] = "External",
            ["SecureCall:Storage:DataDirectory"] = _directory.Path,
            // Cheap hashing keeps the suite fast; production parameters are covered by the options defaults.
            ["SecureCall:Passwords:MemoryKiB"] = "1024",
            ["SecureCall:Passwords:Iterations"] = "1",
            // Models load on first use: only inference tests need them (models/prepare.sh makes them).
            ["SecureCall:Inference:WarmUpAtStart"] = "false",
            ["SecureCall:Models:ModelDirectory"] = RepositoryPaths.ModelOutput,
        }).AddInMemoryCollection(Settings).Build();
        var clock = new SecurityClock(Time);

        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(clock);
            silo.AddSecureCallSilo(configuration);
            ConfigureSilo(silo);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Silo settings a derived fixture adds (e.g. faster failure detection).</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _directory.Dispose();
    }
}
