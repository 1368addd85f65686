using Microsoft.Data.Sqlite;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security.Challenges;

namespace SecureCall.Storage.Sqlite;

/// <summary>Challenges in the embedded database, written through its single writer (so each waits for one commit).</summary>
public sealed class SqliteChallengeStore(SqliteDatabase database) : IChallengeStore
{
    private const string Columns = "id, user_id, purpose, nonce, issued_at, expires_at";
    private const int DeleteSlice = 2_000;

    public Task<bool> AddAsync(ChallengeRecord challenge) => database.WriteAsync(session =>
    {
        var command = session.Command($"INSERT INTO challenge ({Columns}) VALUES ($i, $u, $p, $n, $s, $e) ON CONFLICT (id) DO NOTHING");
        command.Parameters.AddWithValue("$i", challenge.Id);
        command.Parameters.AddWithValue("$u", challenge.UserId);
        command.Parameters.AddWithValue("$p", (int)challenge.Purpose);
        command.Parameters.AddWithValue("$n", challenge.Nonce);
        command.Parameters.AddWithValue("$s", challenge.IssuedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$e", challenge.ExpiresAt.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery() == 1;
    });

    public Task<ChallengeConsumption> ConsumeAsync(string challengeId, DateTimeOffset now) => database.WriteAsync(session =>
    {
        // The update only matches an unused challenge: of any number of racing attempts, exactly one gets the row back.
        var consume = session.Command($"UPDATE challenge SET consumed_at = $t WHERE id = $i AND consumed_at IS NULL RETURNING {Columns}");
        consume.Parameters.AddWithValue("$t", now.ToUnixTimeMilliseconds());
        consume.Parameters.AddWithValue("$i", challengeId);
        if (ReadOne(consume) is { } consumed)
        {
            return new ChallengeConsumption(ConsumeOutcome.Consumed, consumed);
        }
        var find = session.Command($"SELECT {Columns} FROM challenge WHERE id = $i");
        find.Parameters.AddWithValue("$i", challengeId);
        return ReadOne(find) is { } used
            ? new ChallengeConsumption(ConsumeOutcome.AlreadyUsed, used)
            : new ChallengeConsumption(ConsumeOutcome.Unknown, null);
    });

    public Task<int> DeleteExpiredBeforeAsync(DateTimeOffset cutoff) => database.WriteInSlicesAsync(session =>
    {
        var command = session.Command("""
            DELETE FROM challenge WHERE id IN (SELECT id FROM challenge WHERE expires_at < $c ORDER BY expires_at LIMIT $n)
            """);
        command.Parameters.AddWithValue("$c", cutoff.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$n", DeleteSlice);
        return command.ExecuteNonQuery();
    }, DeleteSlice);

    private static ChallengeRecord? ReadOne(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        var purpose = (ChallengePurpose)reader.GetInt32(2);
        return new ChallengeRecord(
            reader.GetString(0),
            reader.GetString(1),
            Enum.IsDefined(purpose) ? purpose : throw new InvalidDataException($"Challenge {reader.GetString(0)} has an unknown purpose."),
            reader.GetString(3),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
    }
}
