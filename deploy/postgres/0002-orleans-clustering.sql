-- SecureCall schema 0002: Orleans cluster membership (Microsoft.Orleans.Clustering.AdoNet 10.4.2).
-- Contract: one version row per deployment is the table's optimistic-concurrency token; every membership change bumps
-- it and succeeds only if the caller saw the current version. Statements that report success return one row whose
-- first column is > 0 on success and 0 on a lost race (Orleans then re-reads the table and retries).
CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid varchar(150)   NOT NULL PRIMARY KEY,
    timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    version      integer        NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid varchar(150)   NOT NULL REFERENCES orleansmembershipversiontable (deploymentid),
    address      varchar(45)    NOT NULL,
    port         integer        NOT NULL,
    generation   integer        NOT NULL,
    siloname     varchar(150)   NOT NULL,
    hostname     varchar(150)   NOT NULL,
    status       integer        NOT NULL,
    proxyport    integer        NULL,
    suspecttimes varchar(8000)  NULL,
    starttime    timestamptz(3) NOT NULL,
    iamalivetime timestamptz(3) NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

-- Bumps the deployment's version if the caller saw it; true when it did.
CREATE OR REPLACE FUNCTION securecall_bump_membership_version(p_deployment varchar, p_seen integer)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orleansmembershipversiontable SET version = version + 1, timestamp = now()
    WHERE deploymentid = p_deployment AND version = p_seen;
    RETURN FOUND;
END $$;

-- A new silo row and the version bump commit together or not at all.
CREATE OR REPLACE FUNCTION securecall_insert_membership(
    p_deployment varchar, p_address varchar, p_port integer, p_generation integer, p_silo_name varchar,
    p_host_name varchar, p_status integer, p_proxy_port integer, p_start timestamptz, p_alive timestamptz,
    p_seen integer)
RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
    IF NOT securecall_bump_membership_version(p_deployment, p_seen) THEN
        RETURN 0;
    END IF;
    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
    VALUES (p_deployment, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port, p_start, p_alive)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        -- The silo is already listed: undo the version bump by failing the whole statement's effect.
        RAISE EXCEPTION USING ERRCODE = 'unique_violation', MESSAGE = 'membership row exists';
    END IF;
    RETURN 1;
EXCEPTION WHEN unique_violation THEN
    RETURN 0;
END $$;

CREATE OR REPLACE FUNCTION securecall_update_membership(
    p_deployment varchar, p_address varchar, p_port integer, p_generation integer, p_status integer,
    p_suspect_times varchar, p_alive timestamptz, p_seen integer)
RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
    IF NOT securecall_bump_membership_version(p_deployment, p_seen) THEN
        RETURN 0;
    END IF;
    UPDATE orleansmembershiptable
    SET status = p_status, suspecttimes = p_suspect_times, iamalivetime = p_alive
    WHERE deploymentid = p_deployment AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'no_data_found', MESSAGE = 'no such membership row';
    END IF;
    RETURN 1;
EXCEPTION WHEN no_data_found THEN
    RETURN 0;
END $$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', '
    WITH inserted AS (
        INSERT INTO orleansmembershipversiontable (deploymentid) VALUES (@DeploymentId)
        ON CONFLICT (deploymentid) DO NOTHING
        RETURNING 1)
    SELECT count(*)::integer FROM inserted;'),
('InsertMembershipKey', '
    SELECT securecall_insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
        @ProxyPort, @StartTime, @IAmAliveTime, @Version);'),
('UpdateMembershipKey', '
    SELECT securecall_update_membership(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
        @IAmAliveTime, @Version);'),
('UpdateIAmAlivetimeKey', '
    UPDATE orleansmembershiptable SET iamalivetime = @IAmAliveTime
    WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;'),
('MembershipReadRowKey', '
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
           m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
        AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deploymentid = @DeploymentId;'),
('MembershipReadAllKey', '
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
           m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
    WHERE v.deploymentid = @DeploymentId;'),
('DeleteMembershipTableEntriesKey', '
    DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
    DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;'),
('GatewaysQueryKey', '
    SELECT address, proxyport, generation FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0;'),
('CleanupDefunctSiloEntriesKey', '
    DELETE FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND iamalivetime < @IAmAliveTime AND status <> 3;')
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
