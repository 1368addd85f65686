using SecureCall.Tests.Shared;

[assembly: AssemblyFixture(typeof(SecureCall.Cluster.Tests.Infrastructure.PostgresFixture))]

namespace SecureCall.Cluster.Tests.Infrastructure;

/// <summary>One private PostgreSQL server for the whole test assembly; each test class takes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
