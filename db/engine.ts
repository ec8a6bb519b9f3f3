// Which database engine this process runs on (issue #16): PostgreSQL when DATABASE_URL names one
// (postgres:// or postgresql://), otherwise the embedded SQLite file in the data folder. Fixed for the
// life of the process: the tables, the migrations and the data-access layer all follow it.
export type DatabaseEngine = "sqlite" | "postgres";

export function databaseEngine(): DatabaseEngine {
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === "") return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  throw new Error(
    `DATABASE_URL must be a PostgreSQL address (postgres://user:password@host:5432/database), or unset for the embedded database; it is "${url.split(":")[0]}:…".`,
  );
}

/**
 * PostgreSQL advisory lock keys, in one place: every server of the portal (and a test writing as the
 * portal does) takes them by the same number. MIGRATE: one server migrates while the others wait.
 * WRITE: one transaction writes at a time across all servers, as on the embedded engine
 * (docs/decisions/2026-12-02-postgresql-runtime.md).
 */
export const ADVISORY_LOCK = { MIGRATE: 160_001, WRITE: 160_002 } as const;
