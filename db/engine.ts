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
