-- SecureCall schema 0005: the tamper-evident audit log (Storage.Postgres/PostgresAuditLog.cs). Same chain format and
-- checkpoint signatures as the embedded log (Security/Audit): each record's hash covers its fields and the previous
-- record's hash.
--
-- Partitioned by day (UTC) on the record time, so retention drops whole partitions instead of deleting rows (no
-- bloat, no vacuum debt). A partition is created by securecall_audit_ensure_partition: the log calls it before the
-- first append into a day it has not seen, and the maintenance calls it for the days ahead. There is no default
-- partition: a row never lands where it would later have to be moved out of.
--
-- The primary key must contain the partition key, so it is (seq, ts); seq alone is kept unique by the chain head
-- below, which every append locks: appends from all silos are serialised on that one row.
CREATE TABLE IF NOT EXISTS securecall_audit_record
(
    seq        bigint      NOT NULL,
    ts         timestamptz NOT NULL,
    event_type text        NOT NULL CHECK (char_length(event_type) <= 64),
    subject    text        NOT NULL CHECK (char_length(subject) <= 128),
    source     text        NOT NULL CHECK (char_length(source) <= 128),
    detail     text        NOT NULL CHECK (char_length(detail) <= 1024),
    prev_hash  bytea       NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash       bytea       NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (seq, ts)
) PARTITION BY RANGE (ts);

-- The newest record's sequence and hash, one row. An append locks it FOR UPDATE, extends the chain from it and moves
-- it in the same transaction: the chain stays linear however many silos append. Purges lock it too.
CREATE TABLE IF NOT EXISTS securecall_audit_chain_head
(
    id   smallint PRIMARY KEY CHECK (id = 1),
    seq  bigint   NOT NULL,
    hash bytea    NOT NULL CHECK (octet_length(hash) = 32)
);
INSERT INTO securecall_audit_chain_head (id, seq, hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'))
ON CONFLICT (id) DO NOTHING;

-- The signed purge checkpoint: the last purged record, which the first remaining one links to.
CREATE TABLE IF NOT EXISTS securecall_audit_purge_checkpoint
(
    id         smallint    PRIMARY KEY CHECK (id = 1),
    seq        bigint      NOT NULL,
    hash       bytea       NOT NULL CHECK (octet_length(hash) = 32),
    created_at timestamptz NOT NULL,
    key_id     text        NOT NULL CHECK (char_length(key_id) <= 128),
    signature  bytea       NOT NULL CHECK (octet_length(signature) <= 1024)
);

-- Signed head checkpoints, one row each, never updated: a new one is only added for a newer head. Purges delete those
-- the purge checkpoint covers but always keep the newest.
CREATE TABLE IF NOT EXISTS securecall_audit_head_checkpoint
(
    seq        bigint      PRIMARY KEY,
    hash       bytea       NOT NULL CHECK (octet_length(hash) = 32),
    created_at timestamptz NOT NULL,
    key_id     text        NOT NULL CHECK (char_length(key_id) <= 128),
    signature  bytea       NOT NULL CHECK (octet_length(signature) <= 1024)
);

-- Creates the partition for one UTC day unless it exists; returns its name. Safe to call concurrently: creators are
-- serialised by a transaction-scoped advisory lock, and one that waited finds the table made by the one before it
-- (CREATE sees it as a duplicate: the function's earlier look may come from a catalog snapshot taken before the wait).
CREATE OR REPLACE FUNCTION securecall_audit_ensure_partition(day date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    partition text := 'securecall_audit_record_' || to_char(day, 'YYYYMMDD');
BEGIN
    IF to_regclass(partition) IS NULL THEN
        PERFORM pg_advisory_xact_lock(104182116843525);
        BEGIN
            EXECUTE format('CREATE TABLE %I PARTITION OF securecall_audit_record FOR VALUES FROM (%L) TO (%L)',
                partition, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
        EXCEPTION WHEN duplicate_table THEN
            NULL;
        END;
    END IF;
    RETURN partition;
END
$$;
