using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using SecureCall.Storage.Postgres;

namespace SecureCall.Hosting;

/// <summary>
/// <c>SecureCall.Silo migrate</c>: brings the cluster's PostgreSQL database to the current schema (deploy/postgres)
/// and exits; idempotent, and safe to run from several places at once. Run it before the first silo starts and on
/// every upgrade (a Kubernetes init container or job does).
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static async Task<int> RunAsync(IConfiguration configuration, ILoggerFactory loggers, TextWriter output)
    {
        await using var dataSource = NpgsqlDataSource.Create(PostgresCluster.ConnectionString(configuration));
        var migrator = new SchemaMigrator(dataSource, loggers.CreateLogger<SchemaMigrator>());
        var applied = await migrator.MigrateAsync().ConfigureAwait(false);
        await output.WriteLineAsync(applied.Count == 0
            ? $"Schema is up to date (version {SchemaMigrator.LatestVersion})."
            : $"Applied schema versions {string.Join(", ", applied)}; now at version {SchemaMigrator.LatestVersion}.").ConfigureAwait(false);
        return 0;
    }
}
