-- SecureCall schema 0001: the table the Orleans ADO.NET providers read their statements from.
-- Orleans 10.4.2 loads `SELECT QueryKey, QueryText FROM OrleansQuery` once at start and then issues only those
-- statements, binding parameters by name (@DeploymentId, @GrainIdHash, ...) and reading result columns by name.
-- Every script here is idempotent (IF NOT EXISTS / ON CONFLICT / CREATE OR REPLACE), so applying it twice is harmless;
-- `SecureCall.Silo migrate` also records what it applied in securecall_schema_migrations.
CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64)   NOT NULL PRIMARY KEY,
    querytext varchar(8000) NOT NULL
);
