import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import path from "node:path";
import * as schema from "../../db/schema";
import { sealUnchainedLines } from "./audit-chain.server";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The data folder: `DATA_DIR`, default `./data` (git-ignored). */
export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? "data");
}

export function migrationsDir(): string {
  return path.resolve(process.env.MIGRATIONS_DIR ?? "db/migrations");
}

/**
 * Opens a database file, applies the committed migrations and sets the pragmas the portal relies on.
 * Foreign keys are off while migrating (a table rebuild would otherwise cascade deletes) and checked after.
 */
export function openDatabase(file: string): Db {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // A response that said "saved" must survive a crash or power cut.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = OFF");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: migrationsDir() });
  const broken = sqlite.pragma("foreign_key_check") as unknown[];
  if (broken.length > 0) {
    sqlite.close();
    throw new Error(
      `Database ${file} has ${broken.length} broken foreign key(s) after migrating: ${JSON.stringify(broken.slice(0, 5))}`,
    );
  }
  sqlite.pragma("foreign_keys = ON");
  sealUnchainedLines(sqlite);
  return db;
}

let connection: Db | undefined;

/** The one connection the portal uses. Opened (and migrated) on first use. */
export function db(): Db {
  connection ??= openDatabase(path.join(dataDir(), "portal.sqlite"));
  return connection;
}

/** Answers only when the database answers: used by /healthz. */
export function databaseAnswers(): boolean {
  try {
    return db().$client.prepare("select 1 as ok").get() !== undefined;
  } catch {
    return false;
  }
}

export function closeDatabase(): void {
  connection?.$client.close();
  connection = undefined;
}
