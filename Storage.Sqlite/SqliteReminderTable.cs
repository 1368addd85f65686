using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SecureCall.Storage.Sqlite;

/// <summary>
/// Orleans reminders in the embedded database, so a reminder outlives the silo that registered it: silos sharing the
/// file (a development cluster, the test clusters) take over each other's reminders, and a restarted standalone host
/// finds its own. Rows are found by grain or by the grain's position on the cluster ring (its uniform hash).
/// </summary>
public sealed class SqliteReminderTable(SqliteDatabase database) : IReminderTable
{
    private const string Columns = "grain_id, name, start_at, period_ms, etag";

    public Task<ReminderTableData> ReadRows(GrainId grainId) => database.ReadAsync(session =>
    {
        var command = session.Command($"SELECT {Columns} FROM reminder WHERE grain_id = $g");
        command.Parameters.AddWithValue("$g", grainId.ToString());
        return new ReminderTableData(ReadAll(command));
    });

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => database.ReadAsync(session =>
    {
        // The range (begin, end] of the ring; when begin >= end it wraps around zero.
        var command = session.Command(begin < end
            ? $"SELECT {Columns} FROM reminder WHERE grain_hash > $b AND grain_hash <= $e"
            : $"SELECT {Columns} FROM reminder WHERE grain_hash > $b OR grain_hash <= $e");
        command.Parameters.AddWithValue("$b", (long)begin);
        command.Parameters.AddWithValue("$e", (long)end);
        return new ReminderTableData(ReadAll(command));
    });

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => database.ReadAsync<ReminderEntry?>(session =>
    {
        var command = session.Command($"SELECT {Columns} FROM reminder WHERE grain_id = $g AND name = $n");
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$n", reminderName);
        return ReadAll(command).FirstOrDefault();
    });

    public Task<string?> UpsertRow(ReminderEntry entry) => database.WriteAsync<string?>(session =>
    {
        var command = session.Command("""
            INSERT INTO reminder (grain_id, name, grain_hash, start_at, period_ms, etag) VALUES ($g, $n, $h, $s, $p, 1)
            ON CONFLICT (grain_id, name) DO UPDATE SET start_at = $s, period_ms = $p, etag = etag + 1
            RETURNING etag
            """);
        command.Parameters.AddWithValue("$g", entry.GrainId.ToString());
        command.Parameters.AddWithValue("$n", entry.ReminderName);
        command.Parameters.AddWithValue("$h", (long)entry.GrainId.GetUniformHashCode());
        command.Parameters.AddWithValue("$s", entry.StartAt.ToUniversalTime().Ticks);
        command.Parameters.AddWithValue("$p", (long)entry.Period.TotalMilliseconds);
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    });

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => database.WriteAsync(session =>
    {
        var command = session.Command("DELETE FROM reminder WHERE grain_id = $g AND name = $n AND etag = $e");
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$n", reminderName);
        command.Parameters.AddWithValue("$e", long.TryParse(eTag, CultureInfo.InvariantCulture, out var etag) ? etag : -1);
        return command.ExecuteNonQuery() == 1;
    });

    public Task TestOnlyClearTable() => database.WriteAsync(session => session.Execute("DELETE FROM reminder"));

    private static List<ReminderEntry> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var entries = new List<ReminderEntry>();
        while (reader.Read())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }
        return entries;
    }
}
