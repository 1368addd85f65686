-- SecureCall schema 0006: issued signature challenges (Storage.Postgres/PostgresChallengeStore.cs). A challenge is
-- used by one UPDATE … WHERE consumed_at IS NULL … RETURNING, so one attempt wins however many silos race.
-- Rows live only as long as a replay could matter: the nonce lifetime (5 minutes) plus RetainConsumedFor (1 hour), in
-- which a replay is reported as a replay; after that the sweep deletes them and a replay is refused as unknown.
-- fillfactor leaves room on each page, so marking a row consumed is a heap-only update that touches no index.
CREATE TABLE IF NOT EXISTS securecall_challenge
(
    id          text        PRIMARY KEY CHECK (char_length(id) <= 128),
    user_id     text        NOT NULL CHECK (char_length(user_id) <= 64),
    purpose     smallint    NOT NULL,
    nonce       text        NOT NULL CHECK (char_length(nonce) <= 128),
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    consumed_at timestamptz NULL
) WITH (fillfactor = 90);

CREATE INDEX IF NOT EXISTS securecall_challenge_by_expiry ON securecall_challenge (expires_at);
