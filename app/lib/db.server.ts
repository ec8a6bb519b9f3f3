import Database from "better-sqlite3";
import type { SQL } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { AsyncLocalStorage } from "node:async_hooks";
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

function theConnection(): Db {
  connection ??= openDatabase(path.join(dataDir(), "portal.sqlite"));
  return connection;
}

/** The handle of the transaction the current request is inside, if any (see `transaction`). */
const inTransaction = new AsyncLocalStorage<Db>();

/**
 * The database, as every model reaches it: the one connection (opened and migrated on first use), or,
 * inside `transaction(…)`, that transaction's handle, so a model called from inside a transaction
 * takes part in it without being told.
 */
export function db(): Db {
  return inTransaction.getStore() ?? theConnection();
}

/** The first row a query returns, if any. A select asks the database for one row only. */
export async function firstRow<Row>(query: PromiseLike<Row[]> & { limit?: (n: number) => PromiseLike<Row[]> }) {
  const rows = await (typeof query.limit === "function" ? query.limit(1) : query);
  return rows[0] as Row | undefined;
}

/** Rows of a query written in SQL, for what the query builder cannot say. */
export async function rows<Row>(query: SQL): Promise<Row[]> {
  return db().all<Row>(query);
}

/** How many rows a write changed (the engines' drivers report it under different names). */
export function rowsChanged(result: unknown): number {
  const written = result as { changes?: number; rowCount?: number | null };
  return written.changes ?? written.rowCount ?? 0;
}

/** Transactions wait for each other: the embedded database has one connection, and one writer at a time. */
let lastTransaction: Promise<unknown> = Promise.resolve();
let savepoints = 0;

/**
 * Runs `work` as one transaction: every query it makes (through `db()`, in any model it calls) commits
 * together or not at all. Inside another transaction it is a savepoint of that one.
 *
 * The embedded engine's queries answer at once, so a transaction's work never waits on the event loop
 * and no other request's query can run in the middle of it. Work that waits on anything but the
 * database (a password hash, a file, the network) belongs before or after the transaction: if it
 * happens anyway, the transaction is rolled back and fails loudly rather than mixing in other work.
 */
export async function transaction<T>(work: () => Promise<T>): Promise<T> {
  const handle = inTransaction.getStore();
  if (handle) return savepoint(handle, work);
  const run = async () => {
    const open = theConnection();
    open.$client.exec("BEGIN IMMEDIATE");
    let waitedOnOtherWork = false;
    const watch = setImmediate(() => (waitedOnOtherWork = true));
    try {
      const result = await inTransaction.run(open, work);
      if (waitedOnOtherWork)
        throw new Error("A transaction waited on something other than the database; it was rolled back.");
      open.$client.exec("COMMIT");
      return result;
    } catch (error) {
      if (open.$client.inTransaction) open.$client.exec("ROLLBACK");
      throw error;
    } finally {
      clearImmediate(watch);
    }
  };
  const done = lastTransaction.then(run, run);
  lastTransaction = done.catch(() => undefined);
  return done;
}

async function savepoint<T>(handle: Db, work: () => Promise<T>): Promise<T> {
  const name = `s${++savepoints}`;
  handle.$client.exec(`SAVEPOINT ${name}`);
  try {
    const result = await work();
    handle.$client.exec(`RELEASE ${name}`);
    return result;
  } catch (error) {
    handle.$client.exec(`ROLLBACK TO ${name}`);
    handle.$client.exec(`RELEASE ${name}`);
    throw error;
  }
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
