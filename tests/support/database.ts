import Database from "better-sqlite3";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { databaseUrl, dataDir } from "./http";
import { endPool } from "./postgres";

/**
 * Direct access to this file's server's database, on whichever engine it runs (tests/setup/server.ts):
 * for tests that set up state the pages cannot reach, or check what a page stored. Write SQL both
 * engines read alike: `?` placeholders, quoted camelCase aliases (`as "personId"`), booleans compared
 * by the column alone or normalised with Boolean() (SQLite gives 0/1, PostgreSQL true/false), JSON
 * columns parsed in JS, no engine-only functions.
 */
export interface TestDatabase {
  readonly engine: "sqlite" | "postgres";
  /** Every row the query returns. */
  all<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** The first row, or undefined when there is none. */
  get<T>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  /** Runs a statement that changes rows; resolves to how many it changed. */
  run(sql: string, ...params: unknown[]): Promise<number>;
  /** Runs `fn`'s statements in one transaction: all of them, or none if it throws. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Opens this file's server's database: read-only unless `writable` (SQLite enforces it; on PostgreSQL
 * it is the test's word). `slot` (0-based) opens another slot's server's database instead, for the test
 * that proves slots never share one. Close it when done.
 */
export async function openTestDatabase(opts: { writable?: boolean; slot?: number } = {}): Promise<TestDatabase> {
  const url = opts.slot === undefined ? databaseUrl() : inject("databaseUrls")[opts.slot]!;
  const dir = opts.slot === undefined ? dataDir() : inject("dataDirs")[opts.slot]!;
  return url ? openPostgres(url) : openSqlite(dir, opts.writable ?? false);
}

function openSqlite(dir: string, writable: boolean): TestDatabase {
  const sqlite = new Database(path.join(dir, "portal.sqlite"), { readonly: !writable, fileMustExist: true });
  // The server writes too: wait for its lock rather than fail with SQLITE_BUSY.
  sqlite.pragma("busy_timeout = 5000");
  const db: TestDatabase = {
    engine: "sqlite",
    all: async <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T | undefined,
    run: async (sql, ...params) => sqlite.prepare(sql).run(...params).changes,
    // Immediate: take the write lock at the start (waiting for the server's), never half-way through.
    transaction: (fn) => inTransaction(db, "begin immediate", fn),
    close: async () => void sqlite.close(),
  };
  return db;
}

/** `fn` between `begin` and `commit` (or `rollback` when it throws), on the one connection. */
async function inTransaction<T>(db: Pick<TestDatabase, "run">, begin: string, fn: () => Promise<T>): Promise<T> {
  await db.run(begin);
  try {
    const result = await fn();
    await db.run("commit");
    return result;
  } catch (error) {
    await db.run("rollback");
    throw error;
  }
}

/** 64-bit integers and numerics (counts, sums) as JS numbers, as the app reads them (app/lib/db.server.ts). */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
      ? (text: string) => Number(text)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** `?` placeholders as PostgreSQL's `$1, $2…`, leaving any `?` inside quotes alone. */
function numberedPlaceholders(sql: string): string {
  let n = 0;
  let quote: string | null = null;
  let out = "";
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "?") {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  return out;
}

function openPostgres(url: string): TestDatabase {
  // One connection; a pool of one queues queries a test starts together (Promise.all) instead of
  // interleaving them on one client.
  const pool = new pg.Pool({ connectionString: url, types, max: 1 });
  const query = (sql: string, params: unknown[]) => pool.query(numberedPlaceholders(sql), params);
  const db: TestDatabase = {
    engine: "postgres",
    all: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql, ...params) => (await query(sql, params)).rowCount ?? 0,
    // The pool has one connection, so every statement in between runs inside the transaction.
    transaction: (fn) => inTransaction(db, "begin", fn),
    close: () => endPool(pool),
  };
  return db;
}

// The schema as the database itself describes it, for tests that must find every table (not a list in
// the code): each engine's catalogue asked its own way.

/** The portal's tables (not the engine's own, nor the migrations' bookkeeping), by name. */
export async function tableNames(db: TestDatabase): Promise<string[]> {
  const rows = await db.all<{ name: string }>(
    db.engine === "sqlite"
      ? "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name"
      : "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like '__drizzle%' order by table_name",
  );
  return rows.map((r) => r.name);
}

/** The column names of one table. */
export async function columnNames(db: TestDatabase, table: string): Promise<string[]> {
  const rows =
    db.engine === "sqlite"
      ? await db.all<{ name: string }>("select name from pragma_table_info(?)", table)
      : await db.all<{ name: string }>(
          "select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ? order by ordinal_position",
          table,
        );
  return rows.map((r) => r.name);
}

/** One table's foreign keys: each referencing column (`from`) and the table it points at. */
export async function foreignKeys(db: TestDatabase, table: string): Promise<{ from: string; table: string }[]> {
  return db.engine === "sqlite"
    ? db.all('select "from", "table" from pragma_foreign_key_list(?)', table)
    : db.all(
        `select a.attname as "from", c.confrelid::regclass::text as "table"
           from pg_constraint c
           join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
          where c.contype = 'f' and c.conrelid = ?::regclass`,
        table,
      );
}
