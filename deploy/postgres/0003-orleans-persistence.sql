-- SecureCall schema 0003: grain state (Microsoft.Orleans.Persistence.AdoNet 10.4.2).
-- Contract: the version column is the grain state's ETag. A write names the version it read (NULL for a state never
-- read from storage) and returns the new version; returning the version it named (or NULL) tells Orleans the write lost
-- a race, which it raises as InconsistentStateException. Unlike a plain index, the unique key makes two first writes
-- of the same grain (a split brain during membership changes) race safely: exactly one insert wins.
CREATE TABLE IF NOT EXISTS orleansstorage
(
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypehash          integer      NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidextensionstring varchar(512) NULL,
    serviceid              varchar(150) NOT NULL,
    payloadbinary          bytea        NULL,
    modifiedon             timestamptz  NOT NULL,
    version                integer      NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS orleansstorage_grain
    ON orleansstorage (serviceid, grainidhash, graintypehash, grainidn0, grainidn1, graintypestring,
                       coalesce(grainidextensionstring, ''));

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', '
    SELECT payloadbinary, now() AS readat, version
    FROM orleansstorage
    WHERE serviceid = @ServiceId AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
      AND coalesce(grainidextensionstring, '''') = coalesce(@GrainIdExtensionString, '''');'),
('WriteToStorageKey', '
    WITH updated AS (
        UPDATE orleansstorage SET payloadbinary = @PayloadBinary, modifiedon = now(), version = version + 1
        WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
          AND serviceid = @ServiceId AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
          AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
          AND coalesce(grainidextensionstring, '''') = coalesce(@GrainIdExtensionString, '''')
        RETURNING version),
    inserted AS (
        INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
                                    grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
        SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
               @ServiceId, @PayloadBinary, now(), 1
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING version)
    SELECT coalesce((SELECT version FROM updated), (SELECT version FROM inserted), @GrainStateVersion)
        AS newgrainstateversion;'),
('ClearStorageKey', '
    UPDATE orleansstorage SET payloadbinary = NULL, modifiedon = now(), version = version + 1
    WHERE version = @GrainStateVersion
      AND serviceid = @ServiceId AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
      AND coalesce(grainidextensionstring, '''') = coalesce(@GrainIdExtensionString, '''')
    RETURNING version AS newgrainstateversion;'),
('DeleteStorageKey', '
    DELETE FROM orleansstorage
    WHERE version = @GrainStateVersion
      AND serviceid = @ServiceId AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
      AND coalesce(grainidextensionstring, '''') = coalesce(@GrainIdExtensionString, '''')
    RETURNING version + 1 AS newgrainstateversion;')
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
