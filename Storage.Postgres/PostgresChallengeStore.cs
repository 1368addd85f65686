using Npgsql;
using SecureCall.Grains.Interfaces.Identity;
using SecureCall.Security.Challenges;

namespace SecureCall.Storage.Postgres;

/// <summary>
/// Challenges in the cluster's PostgreSQL (schema 0006), shared by every silo. A challenge is used by one conditional
/// UPDATE … RETURNING: of any number of racing attempts on any silos, exactly one gets the row back. Rows are deleted
/// once they expired longer ago than a replay needs reporting (the sweeper's cutoff), in bounded batches.
/// </summary>
public sealed class PostgresChallengeStore(NpgsqlDataSource dataSource) : IChallengeStore
{
    /// <summary>Rows one delete statement removes at most, so a backlog never holds locks or WAL for long.</summary>
    public const int DeleteBatchSize = 2_000;

    private const string Columns = "id, user_id, purpose, nonce, issued_at, expires_at";

    public async Task<bool> AddAsync(ChallengeRecord challenge)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO securecall_challenge ({Columns}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING");
        command.Parameters.Add(new() { Value = challenge.Id });
        command.Parameters.Add(new() { Value = challenge.UserId });
        command.Parameters.Add(new() { Value = (short)challenge.Purpose });
        command.Parameters.Add(new() { Value = challenge.Nonce });
        command.Parameters.Add(new() { Value = challenge.IssuedAt.ToUniversalTime() });
        command.Parameters.Add(new() { Value = challenge.ExpiresAt.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false) == 1;
    }

    public async Task<ChallengeConsumption> ConsumeAsync(string challengeId, DateTimeOffset now)
    {
        // One statement, one snapshot of the row: the UPDATE marks it used only if no one did, the SELECT finds it
        // otherwise. A racing attempt that lost waits for the winner's commit and then sees the row as used.
        await using var command = dataSource.CreateCommand($"""
            WITH consumed AS (
                UPDATE securecall_challenge SET consumed_at = $2 WHERE id = $1 AND consumed_at IS NULL RETURNING {Columns})
            SELECT true, {Columns} FROM consumed
            UNION ALL
            SELECT false, {Columns} FROM securecall_challenge WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM consumed)
            """);
        command.Parameters.Add(new() { Value = challengeId });
        command.Parameters.Add(new() { Value = now.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            return new ChallengeConsumption(ConsumeOutcome.Unknown, null);
        }
        var purpose = (ChallengePurpose)reader.GetInt16(3);
        var challenge = new ChallengeRecord(
            reader.GetString(1),
            reader.GetString(2),
            Enum.IsDefined(purpose) ? purpose : throw new InvalidDataException($"Challenge {reader.GetString(1)} has an unknown purpose."),
            reader.GetString(4),
            reader.GetFieldValue<DateTimeOffset>(5),
            reader.GetFieldValue<DateTimeOffset>(6));
        return new ChallengeConsumption(reader.GetBoolean(0) ? ConsumeOutcome.Consumed : ConsumeOutcome.AlreadyUsed, challenge);
    }

    public async Task<int> DeleteExpiredBeforeAsync(DateTimeOffset cutoff)
    {
        var total = 0;
        int deleted;
        do
        {
            // SKIP LOCKED: a batch never waits on a row another silo's sweep (or a late consume) holds.
            await using var command = dataSource.CreateCommand("""
                DELETE FROM securecall_challenge WHERE id IN (
                    SELECT id FROM securecall_challenge WHERE expires_at < $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
                """);
            command.Parameters.Add(new() { Value = cutoff.ToUniversalTime() });
            command.Parameters.Add(new() { Value = DeleteBatchSize });
            deleted = await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == DeleteBatchSize);
        return total;
    }
}
