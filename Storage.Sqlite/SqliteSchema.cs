using Microsoft.Data.Sqlite;

namespace SecureCall.Storage.Sqlite;

/// <summary>Tables of the embedded database; created idempotently at start.</summary>
internal static class SqliteSchema
{
    private const string Sql = """
        CREATE TABLE IF NOT EXISTS grain_state (
            store      TEXT    NOT NULL,
            state_name TEXT    NOT NULL,
            grain_id   TEXT    NOT NULL,
            etag       INTEGER NOT NULL,
            payload    BLOB    NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (store, state_name, grain_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS grain_state_by_age ON grain_state (store, updated_at);

        CREATE TABLE IF NOT EXISTS challenge (
            id          TEXT    PRIMARY KEY,
            user_id     TEXT    NOT NULL,
            purpose     INTEGER NOT NULL,
            nonce       TEXT    NOT NULL,
            issued_at   INTEGER NOT NULL,
            expires_at  INTEGER NOT NULL,
            consumed_at INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS challenge_by_expiry ON challenge (expires_at);
        -- Challenges used to be grain state; those rows expired minutes after they were written and nothing reads them.
        DELETE FROM grain_state WHERE store = 'challenges';

        CREATE TABLE IF NOT EXISTS audit_record (
            seq        INTEGER PRIMARY KEY,
            ts         INTEGER NOT NULL,
            event_type TEXT    NOT NULL,
            subject    TEXT    NOT NULL,
            source     TEXT    NOT NULL,
            detail     TEXT    NOT NULL,
            prev_hash  BLOB    NOT NULL,
            hash       BLOB    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS audit_record_by_time ON audit_record (ts);

        CREATE TABLE IF NOT EXISTS audit_checkpoint (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            seq        INTEGER NOT NULL,
            hash       BLOB    NOT NULL,
            created_at INTEGER NOT NULL,
            key_id     TEXT    NOT NULL,
            signature  BLOB    NOT NULL
        );

        -- The newest signed head checkpoint (also kept in the file {database}.audit-head): cutting the chain's tail
        -- back past it is detected.
        CREATE TABLE IF NOT EXISTS audit_head (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            seq        INTEGER NOT NULL,
            hash       BLOB    NOT NULL,
            created_at INTEGER NOT NULL,
            key_id     TEXT    NOT NULL,
            signature  BLOB    NOT NULL
        );

        CREATE TABLE IF NOT EXISTS reminder (
            grain_id   TEXT    NOT NULL,
            name       TEXT    NOT NULL,
            grain_hash INTEGER NOT NULL,
            start_at   INTEGER NOT NULL,
            period_ms  INTEGER NOT NULL,
            etag       INTEGER NOT NULL,
            PRIMARY KEY (grain_id, name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS reminder_by_hash ON reminder (grain_hash);
        """;

    public static void Create(SqliteConnection connection) => SqliteDatabase.Execute(connection, Sql);
}
