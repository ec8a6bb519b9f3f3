import Database from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { AsyncLocalStorage } from "node:async_hooks";
import { appendFileSync, closeSync, fsync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ADVISORY_LOCK, databaseEngine } from "../../db/engine";
import * as pgSchema from "../../db/schema.pg";
import * as schema from "../../db/schema.sqlite";
import { sealUnchainedLines } from "./audit-chain.server";

/**
 * The database as the models see it. Typed as the embedded engine's drizzle handle; on PostgreSQL it is
 * drizzle's node-postgres handle over the same tables (db/schema.ts), whose query builder the models use
 * the same way. Engine-specific calls (`$client`) belong in this file only.
 */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** True when this process runs on PostgreSQL (DATABASE_URL), false on the embedded SQLite file. */
export const onPostgres = (): boolean => databaseEngine() === "postgres";

/** The data folder: `DATA_DIR`, default `./data` (git-ignored). */
export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? "data");
}

export function migrationsDir(engine = databaseEngine()): string {
  return path.resolve(process.env.MIGRATIONS_DIR ?? (engine === "postgres" ? "db/migrations-pg" : "db/migrations"));
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
 * With PORTAL_QUERY_LOG set (tests only), each statement's text is appended to that file each time it
 * runs, so a test can ask SQLite how it runs every query behind a page. Each run, not each prepare: a
 * statement built once per connection (preparedQuery) is prepared once and run on every request after.
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
      if (log) logEachRun(statement, log);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    return statement;
  };
}

/**
 * A query's LIMIT is written into its SQL (`limit 25`), not bound as a parameter (`limit ?`), as drizzle
 * would. SQLite plans a query for its LIMIT's value, so it prepares a statement whose LIMIT is bound again
 * every time it runs: every statement reading one row (`firstRow`) and every page of a list was parsed
 * and planned afresh on each request, costing several times the query (80 µs for the session's, 6 µs
 * written in). The values are the portal's own whole numbers (1, a page's size), never typed by anyone;
 * anything else is bound as before. tests/integration/scale.sqlite.test.ts checks no page's query binds one.
 */
function writeLimitsIntoStatements(db: BetterSQLite3Database<typeof schema>): void {
  const dialect = (db as unknown as { dialect: { buildLimit: (limit: unknown) => SQL | undefined } }).dialect;
  const bound = dialect.buildLimit.bind(dialect);
  dialect.buildLimit = (limit) =>
    typeof limit === "number" && Number.isSafeInteger(limit) && limit >= 0 ? sql.raw(` limit ${limit}`) : bound(limit);
}

/** Appends the statement's text to `log` each time it runs (tests only: PORTAL_QUERY_LOG). */
function logEachRun(statement: Database.Statement, log: string): void {
  const runs = statement as unknown as Record<"all" | "get" | "run" | "iterate", (...args: unknown[]) => unknown>;
  for (const method of ["all", "get", "run", "iterate"] as const) {
    const original = runs[method].bind(statement);
    runs[method] = (...args: unknown[]) => {
      appendFileSync(log, JSON.stringify(statement.source) + "\n");
      return original(...args);
    };
  }
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
  // 64 MiB of pages kept in memory, not SQLite's default 2 MiB: at 100,000 people the sessions, people and
  // notifications a page reads were pushed out by each other's pages, and read again from the file.
  sqlite.pragma("cache_size = -65536");
  sqlite.pragma("foreign_keys = OFF");
  reuseStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  writeLimitsIntoStatements(db);
  const before = appliedMigrations(sqlite);
  migrate(db, { migrationsFolder: migrationsDir("sqlite") });
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

/** Each connection's write-ahead log, held open to be synced (see `commitWithoutHoldingTheServer`). */
const logFiles = new WeakMap<Database.Database, number>();

/**
 * Flushes a connection's write-ahead log to disk on libuv's thread pool, not the event loop's thread.
 * Replaceable in tests (`diskSync.flush`), which hold it back to see who waits for it.
 */
export const diskSync = {
  flush(sqlite: Database.Database): Promise<void> {
    return new Promise((synced, failed) => {
      let file = logFiles.get(sqlite);
      // Inside the promise: a log file that cannot be opened fails the waiting requests like a failed sync.
      if (file === undefined) logFiles.set(sqlite, (file = openSync(`${sqlite.name}-wal`, "r")));
      fsync(file, (error) => (error ? failed(error) : synced()));
    });
  },
};

function closeLogFile(sqlite: Database.Database): void {
  const file = logFiles.get(sqlite);
  if (file !== undefined) closeSync(file);
  logFiles.delete(sqlite);
}

/**
 * Commits `work` (run in an immediate transaction of the embedded engine) and returns once it is
 * committed, with a promise that settles when the commit is on disk. Every other transaction commits
 * with `synchronous = FULL`: SQLite syncs the write-ahead log inside COMMIT, and the event loop waits
 * for the disk with every other request behind it. This one commits with `synchronous = NORMAL` (the
 * log written, not yet synced) and then syncs the log on the thread pool, so the server goes on with
 * other requests meanwhile. A caller that answers only after `onDisk` has the same promise as a FULL
 * commit: what it wrote survives a crash or power cut. (In WAL mode NORMAL never risks corruption, only
 * the last commits before a power cut; an fsync of the log file covers every frame written to it so
 * far, whoever wrote them; a checkpoint this commit starts syncs the log and the database itself. SQLite
 * keeps the log file, the same file, while the connection is open: it empties it, never replaces it.)
 * Used for page views' audit lines: many a second, each holding up its own answer only.
 */
export function commitWithoutHoldingTheServer<T>(
  sqlite: Database.Database,
  work: () => T,
): { result: T; onDisk: Promise<void> } {
  sqlite.prepare("PRAGMA synchronous = NORMAL").run();
  let result: T;
  try {
    result = sqlite.transaction(work).immediate();
  } finally {
    sqlite.prepare("PRAGMA synchronous = FULL").run();
  }
  return { result, onDisk: sqlite.memory ? Promise.resolve() : diskSync.flush(sqlite) };
}

let connection: Db | undefined;

function theConnection(): Db {
  connection ??= onPostgres() ? postgresConnection() : openDatabase(path.join(dataDir(), "portal.sqlite"));
  return connection;
}

// PostgreSQL's counts and sums of integers arrive as 64-bit text; every figure the portal keeps (pence,
// counts, sequence numbers) is far below 2^53, so they are read as plain numbers, as SQLite gives them.
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (text) => Number(text));

/** Connections each server keeps open to PostgreSQL (PG_POOL_SIZE); requests queue for one beyond that. */
const POOL_SIZE = Number(process.env.PG_POOL_SIZE ?? 10);

/** The pool of connections to DATABASE_URL. Migrations are applied by `databaseReady()` before the first request. */
function postgresConnection(): Db {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: POOL_SIZE });
  // A connection that drops while idle (a database restart) is replaced on the next query, not fatal.
  pool.on("error", (error) => console.error("A PostgreSQL connection failed; it will be replaced.", error.message));
  return drizzlePg(pool, { schema: pgSchema }) as unknown as Db;
}

const pool = (): pg.Pool => theConnection().$client as unknown as pg.Pool;

const LOCK = ADVISORY_LOCK;

let ready: Promise<void> | undefined;

/**
 * The database opened and migrated: awaited once at start-up (and by commands) before anything else.
 * The embedded file migrates as it opens; PostgreSQL's migrations run under an advisory lock, so servers
 * starting together apply each migration once.
 */
export function databaseReady(): Promise<void> {
  ready ??= (async () => {
    if (!onPostgres()) {
      theConnection();
      return;
    }
    const client = await pool().connect();
    try {
      await client.query("select pg_advisory_lock($1)", [LOCK.MIGRATE]);
      await migratePg(drizzlePg(client), { migrationsFolder: migrationsDir() });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [LOCK.MIGRATE]).catch(() => undefined);
      client.release();
    }
  })();
  return ready;
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

/**
 * Runs `work` outside any transaction the caller is in: for work that goes on after the request's
 * transaction has ended (mail sent in the background). Without this it would inherit the transaction's
 * handle, whose connection is back in the pool, and perhaps in another request's transaction, by then.
 */
export function outsideTransaction<T>(work: () => T): T {
  return inTransaction.exit(work);
}

/** The first row a query returns, if any. A select asks the database for one row only. */
export async function firstRow<Row>(query: PromiseLike<Row[]> & { limit?: (n: number) => PromiseLike<Row[]> }) {
  const rows = await (typeof query.limit === "function" ? query.limit(1) : query);
  return rows[0] as Row | undefined;
}

/**
 * Rows of a query written in SQL, for what the query builder cannot say. Write it in SQL both engines
 * read the same way, and quote aliases (`as "personId"`): PostgreSQL folds unquoted names to lower case.
 */
export async function rows<Row>(query: SQL): Promise<Row[]> {
  if (onPostgres()) {
    const result = await (db() as unknown as { execute: (q: SQL) => Promise<{ rows: Row[] }> }).execute(query);
    return result.rows;
  }
  return db().all<Row>(query);
}

/**
 * Rows of a query written in SQL, each as an array of its columns in order: for the queries that return
 * a row per person at scale (the insights), where the embedded engine's arrays cost about a third less
 * than an object per row. On PostgreSQL the same, from its rows.
 */
export async function rowArrays<Row extends unknown[]>(query: SQL): Promise<Row[]> {
  if (onPostgres()) return (await rows<Record<string, unknown>>(query)).map((row) => Object.values(row) as Row);
  return db().values<Row>(query);
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
  if (onPostgres()) return postgresTransaction(work);
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

/**
 * On PostgreSQL a transaction has a pooled connection of its own (the ALS store is a drizzle handle on
 * it). It first takes the write lock, so transactions run one at a time across every server, as on the
 * embedded engine: a model's read-then-write inside a transaction (the version check before saving a
 * plan part, the last audit line before the next) sees no other transaction's write in between.
 */
async function postgresTransaction<T>(work: () => Promise<T>): Promise<T> {
  const client = await pool().connect();
  let failed = false;
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock($1)", [LOCK.WRITE]);
    const handle = drizzlePg(client, { schema: pgSchema }) as unknown as Db;
    const result = await inTransaction.run(handle, work);
    await client.query("commit");
    return result;
  } catch (error) {
    failed = true;
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    // A connection whose rollback failed may be broken: it is closed rather than handed to the next request.
    client.release(
      failed &&
        !(await client.query("select 1").then(
          () => true,
          () => false,
        )),
    );
  }
}

/** Runs one statement on a transaction's own connection (either engine). */
async function execute(handle: Db, statement: string): Promise<void> {
  if (onPostgres()) await (handle.$client as unknown as pg.PoolClient).query(statement);
  else handle.$client.exec(statement);
}

async function savepoint<T>(handle: Db, work: () => Promise<T>): Promise<T> {
  const name = `s${++savepoints}`;
  await execute(handle, `SAVEPOINT ${name}`);
  try {
    const result = await work();
    await execute(handle, `RELEASE ${name}`);
    return result;
  } catch (error) {
    await execute(handle, `ROLLBACK TO ${name}`);
    await execute(handle, `RELEASE ${name}`);
    throw error;
  }
}

/** Answers only when the database answers: used by /healthz. */
export async function databaseAnswers(): Promise<boolean> {
  try {
    return (await rows<{ ok: number }>(sql`select 1 as ok`)).length === 1;
  } catch {
    return false;
  }
}

export async function closeDatabase(): Promise<void> {
  const open = connection;
  connection = undefined;
  ready = undefined;
  if (!open) return;
  if (onPostgres()) await (open.$client as unknown as pg.Pool).end();
  else {
    closeLogFile(open.$client);
    open.$client.close();
  }
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
