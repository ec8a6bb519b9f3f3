import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { appendFileSync, mkdirSync } from "node:fs";
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

/** How many migrations this database has had applied (0 before the first start). */
function appliedMigrations(sqlite: Database.Database): number {
  const table = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (!table) return 0;
  return (sqlite.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n;
}

/** Most recently used statements kept ready; a page's queries are the same few texts again and again. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Every query is prepared once per connection and reused: drizzle asks better-sqlite3 to prepare its
 * SQL on each call, and preparing costs as much as running a small indexed query. A statement that
 * returns rows is handed back in its plain mode (not raw), as a freshly prepared one would be.
 * With PORTAL_QUERY_LOG set (tests only), each statement's text is appended to that file as it is used,
 * so a test can ask SQLite how it runs every query behind a page.
 */
function reuseStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite) as (source: string, ...rest: unknown[]) => Database.Statement;
  const cache = new Map<string, Database.Statement>();
  const log = process.env.PORTAL_QUERY_LOG;
  (sqlite as unknown as { prepare: typeof prepare }).prepare = (source: string, ...rest: unknown[]) => {
    if (rest.length > 0) return prepare(source, ...rest); // better-sqlite3's own pragma() calls
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source); // to the back of the queue: most recently used
      if (statement.reader) statement.raw(false);
    } else {
      statement = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    if (log) appendFileSync(log, JSON.stringify(source) + "\n");
    return statement;
  };
}

/**
 * Opens a database file, applies the committed migrations and sets the pragmas the portal relies on.
 * Foreign keys are off while migrating (a table rebuild would otherwise cascade deletes) and checked
 * after, but only when a migration actually ran: the check reads every row, which at 100,000 people
 * takes seconds, and rows written by the portal itself are checked as they are written.
 */
export function openDatabase(file: string): Db {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // A response that said "saved" must survive a crash or power cut.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = OFF");
  reuseStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  const before = appliedMigrations(sqlite);
  migrate(db, { migrationsFolder: migrationsDir() });
  if (appliedMigrations(sqlite) !== before) {
    const broken = sqlite.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0) {
      sqlite.close();
      throw new Error(
        `Database ${file} has ${broken.length} broken foreign key(s) after migrating: ${JSON.stringify(broken.slice(0, 5))}`,
      );
    }
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

/**
 * A drizzle query built once per connection and reused: building a query's SQL from its parts costs
 * more than running a small indexed one, and the pages that list many people ask the same few
 * queries for each. Values go in through `sql.placeholder(name)`.
 */
export function preparedQuery<T>(build: (connection: Db) => T): () => T {
  let made: { connection: Db; query: T } | undefined;
  return () => {
    const current = db();
    if (made?.connection !== current) made = { connection: current, query: build(current) };
    return made.query;
  };
}
