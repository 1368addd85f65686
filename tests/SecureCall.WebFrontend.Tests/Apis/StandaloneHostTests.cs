using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using SecureCall.FaceAnalysis;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Options;
using SecureCall.Grains.Verification;
using SecureCall.WebFrontend.Tests.Infrastructure;

namespace SecureCall.WebFrontend.Tests.Apis;

/// <summary>The real standalone host as a local attacker or a developer meets it: sockets, files, start-up paths.</summary>
public sealed class StandaloneHostTests
{
    [Fact]
    public async Task StandaloneHost_OpensNoOrleansGateway_AndListensForSilosOnLoopbackOnly()
    {
        using var directory = new TempDataDirectory();
        await using var factory = new SecureCallFactory(directory.Path);
        _ = factory.Server;
        var listeners = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners();

        // A plain Orleans client, as any local process could start one, on the configured (formerly opened) gateway port.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client
            .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, factory.GatewayPort))
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (HostingOptions.DefaultClusterId, HostingOptions.DefaultServiceId))
            .UseConnectionRetryFilter((_, _) => Task.FromResult(false)));
        using var attacker = builder.Build();
        var connect = attacker.StartAsync(TestContext.Current.CancellationToken);
        var error = await Record.ExceptionAsync(() => connect.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        if (error is null)
        {
            // Connected: prove it was a real grain connection, then fail.
            var keys = await attacker.Services.GetRequiredService<IClusterClient>().GetGrain<IUserGrain>("nobody").GetKeysAsync();
            Assert.Fail($"A plain Orleans client reached a grain through the standalone host's gateway (keys: {keys})");
        }

        Assert.IsNotType<TimeoutException>(error);
        Assert.DoesNotContain(listeners, l => l.Port == factory.GatewayPort);
        var silo = listeners.Where(l => l.Port == factory.SiloPort).ToList();
        Assert.NotEmpty(silo);
        Assert.All(silo, l => Assert.True(IPAddress.IsLoopback(l.Address), $"silo port listens on {l.Address}"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task DataDirectory_IsOwnerOnly_AndTheDatabaseWalAndShmFilesAre600()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var parent = new TempDataDirectory();
        var data = Path.Combine(parent.Path, "data");
        await using var factory = new SecureCallFactory(data);
        var http = factory.CreateClient();
        using var alice = new BrowserIdentity("perm-alice");
        // A write, so the WAL and its shared-memory index exist.
        Assert.Equal(HttpStatusCode.Created, (await alice.RegisterAsync(http)).StatusCode);

        var database = Path.Combine(data, StorageOptions.DefaultDatabaseFileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            Assert.True(File.Exists(file), file);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        Assert.All(Directory.EnumerateFileSystemEntries(data, "*", SearchOption.AllDirectories),
            entry => Assert.True((File.GetUnixFileMode(entry) & Others) == 0, $"{entry} is {File.GetUnixFileMode(entry)}"));
    }

    [Fact]
    public async Task DefaultModelDirectory_IsFoundFromTheContentRoot_NotOnlyTheWorkingDirectory()
    {
        // As `dotnet run --project WebFrontend` starts it: relative models/out, working directory not the repository root.
        using var directory = new TempDataDirectory();
        await using var factory = new SecureCallFactory(directory.Path, settings: new Dictionary<string, string>
        {
            ["SecureCall:Models:ModelDirectory"] = "models/out",
        });
        _ = factory.Server;

        var options = factory.Services.GetRequiredService<IOptions<FaceAnalysisOptions>>().Value;

        Assert.NotEqual(SecureCallFactory.RepositoryRoot, Directory.GetCurrentDirectory());
        Assert.Equal(Path.Combine(SecureCallFactory.RepositoryRoot, "models", "out"), options.ModelDirectory);
    }

    [Fact]
    public async Task MissingModels_ErrorNamesTheAbsolutePathTried()
    {
        using var directory = new TempDataDirectory();
        await using var factory = new SecureCallFactory(directory.Path, settings: new Dictionary<string, string>
        {
            ["SecureCall:Models:ModelDirectory"] = "no-such-models/out",
        });
        _ = factory.Server;

        var error = Assert.Throws<InvalidOperationException>(() => factory.Services.GetRequiredService<FaceAnalyzerHost>().Run(analyzer => analyzer));

        Assert.Contains(Path.Combine(Directory.GetCurrentDirectory(), "no-such-models", "out"), error.Message);
    }
}
