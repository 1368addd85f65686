using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SecureCall.Cluster.Tests.Infrastructure;
using SecureCall.Storage.Postgres;

namespace SecureCall.Cluster.Tests.Schema;

public sealed class SchemaMigrationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Scripts_apply_to_an_empty_database_and_then_have_nothing_left_to_do()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.Server.CreateDatabaseAsync("schema"));
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        Assert.Equal(0, await migrator.CurrentVersionAsync(TestContext.Current.CancellationToken));

        var first = await migrator.MigrateAsync(TestContext.Current.CancellationToken);
        var second = await migrator.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SchemaScript.All.Select(s => s.Version), first);
        Assert.Empty(second);
        Assert.Equal(SchemaMigrator.LatestVersion, await migrator.CurrentVersionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Every_script_applies_again_on_top_of_itself()
    {
        // The migration table makes re-runs no-ops; the scripts are also idempotent on their own, so an operator who
        // applies one by hand (psql -f) twice does no harm.
        var connectionString = await postgres.Server.CreateDatabaseAsync("rerun");
        foreach (var script in SchemaScript.All)
        {
            await ExecuteAsync(connectionString, script.Sql);
            await ExecuteAsync(connectionString, script.Sql);
        }
        Assert.Equal("0", await postgres.Server.PsqlAsync(connectionString, "SELECT count(*) FROM orleansquery WHERE querytext = ''"));
    }

    [Fact]
    public async Task The_orleans_query_contract_is_complete()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("contract");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken);

        var keys = (await postgres.Server.PsqlAsync(connectionString, "SELECT querykey FROM orleansquery ORDER BY 1")).Split('\n');

        // Every key the Orleans 10.4.2 ADO.NET clustering, persistence and reminder providers ask for at start.
        string[] required =
        [
            "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey",
            "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
            "ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey",
            "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
            "ReadReminderRowsKey", "UpsertReminderRowKey",
        ];
        Assert.Empty(required.Except(keys));
    }

    [Fact]
    public async Task A_changed_script_that_was_already_applied_is_refused()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("tamper");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        await migrator.MigrateAsync(TestContext.Current.CancellationToken);
        await postgres.Server.PsqlAsync(connectionString, "UPDATE securecall_schema_migrations SET checksum = 'x' WHERE version = 1");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync(TestContext.Current.CancellationToken));
        Assert.Contains("0001-", refused.Message);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
