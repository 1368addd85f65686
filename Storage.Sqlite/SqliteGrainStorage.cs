using Microsoft.Data.Sqlite;
using Orleans.Storage;
using SecureCall.Security;

namespace SecureCall.Storage.Sqlite;

/// <summary>
/// Durable grain state in the embedded SQLite database, one row per grain and state name. Writes are checked
/// against the stored ETag inside the writer, so two activations that both think they own a grain cannot silently
/// overwrite each other.
/// </summary>
public sealed class SqliteGrainStorage(string storeName, SqliteDatabase database, IGrainStorageSerializer serializer, SecurityClock time)
    : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        var row = await database.ReadAsync(session =>
        {
            var command = session.Command("SELECT etag, payload FROM grain_state WHERE store=$s AND state_name=$n AND grain_id=$g");
            Bind(command, stateName, key);
            using var reader = command.ExecuteReader();
            return reader.Read() ? (ETag: reader.GetInt64(0), Payload: (byte[])reader[1]) : default((long ETag, byte[] Payload)?);
        }).ConfigureAwait(false);

        if (row is { } found)
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(found.Payload));
            grainState.ETag = found.ETag.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = NewState<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        var payload = serializer.Serialize(grainState.State).ToArray();
        var expected = grainState.ETag;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var newETag = await database.WriteAsync(session =>
        {
            var current = ReadETag(session, stateName, key);
            if (current?.ToString(System.Globalization.CultureInfo.InvariantCulture) != expected)
            {
                throw new InconsistentStateException($"ETag mismatch for {key}", current?.ToString() ?? "none", expected ?? "none");
            }
            var next = (current ?? 0) + 1;
            var command = session.Command("""
                INSERT INTO grain_state (store, state_name, grain_id, etag, payload, updated_at) VALUES ($s, $n, $g, $e, $p, $t)
                ON CONFLICT (store, state_name, grain_id) DO UPDATE SET etag=$e, payload=$p, updated_at=$t
                """);
            Bind(command, stateName, key);
            command.Parameters.AddWithValue("$e", next);
            command.Parameters.AddWithValue("$p", payload);
            command.Parameters.AddWithValue("$t", now);
            command.ExecuteNonQuery();
            return next;
        }).ConfigureAwait(false);
        grainState.ETag = newETag.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        var expected = grainState.ETag;
        await database.WriteAsync(session =>
        {
            var current = ReadETag(session, stateName, key);
            if (current is not null && current.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) != expected)
            {
                throw new InconsistentStateException($"ETag mismatch for {key}", current.Value.ToString(), expected ?? "none");
            }
            var command = session.Command("DELETE FROM grain_state WHERE store=$s AND state_name=$n AND grain_id=$g");
            Bind(command, stateName, key);
            return command.ExecuteNonQuery();
        }).ConfigureAwait(false);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = NewState<T>();
    }

    // Grain state classes have a parameterless constructor; anything else starts from its default.
    private static T NewState<T>() =>
        typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance<T>() : default!;

    private long? ReadETag(SqlSession session, string stateName, string key)
    {
        var command = session.Command("SELECT etag FROM grain_state WHERE store=$s AND state_name=$n AND grain_id=$g");
        Bind(command, stateName, key);
        return command.ExecuteScalar() is long etag ? etag : null;
    }

    private void Bind(SqliteCommand command, string stateName, string key)
    {
        command.Parameters.AddWithValue("$s", storeName);
        command.Parameters.AddWithValue("$n", stateName);
        command.Parameters.AddWithValue("$g", key);
    }
}
