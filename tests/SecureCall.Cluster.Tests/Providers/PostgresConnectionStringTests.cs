using Microsoft.Extensions.Configuration;
using Npgsql;
using SecureCall.Hosting;

namespace SecureCall.Cluster.Tests.Providers;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void A_connection_string_without_pool_or_prepare_settings_gets_the_cluster_defaults()
    {
        var built = new NpgsqlConnectionStringBuilder(PostgresCluster.ConnectionString(Configured("Host=db;Username=securecall")));

        Assert.Equal(PostgresCluster.DefaultMaxPoolSize, built.MaxPoolSize);
        Assert.Equal(PostgresCluster.DefaultMaxAutoPrepare, built.MaxAutoPrepare);
    }

    [Fact]
    public void Pool_and_prepare_settings_of_the_operator_are_kept()
    {
        var built = new NpgsqlConnectionStringBuilder(PostgresCluster.ConnectionString(
            Configured("Host=db;Username=securecall;Maximum Pool Size=7;Max Auto Prepare=0")));

        Assert.Equal(7, built.MaxPoolSize);
        Assert.Equal(0, built.MaxAutoPrepare);
    }

    private static IConfiguration Configured(string connectionString) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["SecureCall:Postgres:ConnectionString"] = connectionString })
        .Build();
}
