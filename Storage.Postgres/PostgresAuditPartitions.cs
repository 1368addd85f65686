using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace SecureCall.Storage.Postgres;

/// <summary>
/// The day partitions of <c>securecall_audit_record</c>: one per UTC day, named <c>securecall_audit_record_YYYYMMDD</c>,
/// created by the schema's <c>securecall_audit_ensure_partition</c>. Creating or dropping a partition locks the whole
/// table, so both wait at most <see cref="LockTimeout"/> for readers (a running verification) to finish and otherwise
/// fail, to be retried, rather than stall every append queued behind them.
/// </summary>
internal static partial class PostgresAuditPartitions
{
    public const string LockTimeout = "5s";

    public static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Creates the partitions of the given days that do not exist yet, in one short transaction.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, IEnumerable<DateOnly> days)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await SetLockTimeoutAsync(connection, transaction).ConfigureAwait(false);
        foreach (var day in days)
        {
            await using var command = new NpgsqlCommand("SELECT securecall_audit_ensure_partition($1)", connection, transaction);
            command.Parameters.Add(new() { Value = day });
            await command.ExecuteScalarAsync().ConfigureAwait(false);
        }
        await transaction.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>The partitions that exist, with their day; tables of other names are not ours and are left alone.</summary>
    public static async Task<List<(DateOnly Day, string Name)>> ListAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'securecall_audit_record'::regclass
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var partitions = new List<(DateOnly, string)>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var name = reader.GetString(0);
            if (NamePattern().Match(name) is { Success: true } match)
            {
                partitions.Add((DateOnly.ParseExact(match.Groups[1].Value, "yyyyMMdd", CultureInfo.InvariantCulture), name));
            }
        }
        return partitions;
    }

    public static async Task SetLockTimeoutAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand($"SET LOCAL lock_timeout = '{LockTimeout}'", connection, transaction);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>A partition name as an identifier; only names matching the pattern are ever built into SQL.</summary>
    public static string Quote(string name) =>
        NamePattern().IsMatch(name) ? $"\"{name}\"" : throw new ArgumentException($"{name} is not an audit partition.", nameof(name));

    [GeneratedRegex(@"\Asecurecall_audit_record_([0-9]{8})\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
