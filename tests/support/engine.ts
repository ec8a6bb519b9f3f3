import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/** True in the projects whose servers run on PostgreSQL (`integration-pg`, `browser-pg`). */
export function onPostgresProject(): boolean {
  return inject("databaseUrls").some((url) => url !== "");
}

/**
 * A new, empty database for a test's own portal servers (two servers on one database, a restore drill):
 * on the PostgreSQL projects, a new database on the project's throwaway server, as its DATABASE_URL;
 * on SQLite, "" (the servers then share a data folder, as before).
 */
export async function newDatabase(): Promise<string> {
  const url = inject("databaseUrls").find((u) => u !== "");
  if (!url) return "";
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, "/postgres") });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return url.replace(/\/[^/]+$/, `/${name}`);
}
