// `npm run db:copy-to-postgres -- FILE`: copies an embedded SQLite database (a backup, or the data
// folder's portal.sqlite with the portal stopped) into the empty PostgreSQL database DATABASE_URL names,
// which is migrated first. For moving a running service from one machine to PostgreSQL, and for the
// bench (which generates SQLite and measures both engines on the same people).
//
// Every row is copied as the tables define it (db/schema.sqlite.ts and its twin db/schema.pg.ts: the
// same columns, the same JS values), in one transaction with the database's own triggers and foreign
// key checks set aside while it runs (session_replication_role = replica: the rows were already checked
// by SQLite's), so it needs a role allowed to do that (the database's owner as superuser; a managed
// service's admin role). Then the identity sequences are moved past the copied ids, and the foreign keys
// are checked once. The audit trail is copied line for line, so its hash chain still verifies.
import Database from "better-sqlite3";
import { getTableColumns } from "drizzle-orm";
import { getTableConfig as pgTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { drizzle } from "drizzle-orm/node-postgres";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";
import pg from "pg";
import * as pgSchema from "../db/schema.pg";
import * as sqliteSchema from "../db/schema.sqlite";

/** PostgreSQL takes at most 65,535 parameters a statement: rows a batch, by the table's width. */
const PARAMETERS = 60_000;

export async function copyToPostgres(file: string, url: string, log = (_: string) => {}): Promise<number> {
  process.env.DATABASE_URL = url;
  const { databaseReady, closeDatabase } = await import("../app/lib/db.server");
  await databaseReady(); // the PostgreSQL tables, by the committed migrations
  await closeDatabase();
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let copied = 0;
  try {
    await client.query("begin");
    await client.query("set local session_replication_role = replica");
    const target = drizzle(client);
    for (const [name, table] of Object.entries(sqliteSchema)) {
      const from = sqliteTableConfig(table as SQLiteTable);
      const to = pgSchema[name as keyof typeof pgSchema] as PgTable;
      const fromColumns = getTableColumns(table as SQLiteTable);
      const toColumns = getTableColumns(to);
      const keys = Object.keys(fromColumns).filter((key) => key in toColumns);
      const empty = await client.query(`select 1 from "${pgTableConfig(to).name}" limit 1`);
      if (empty.rowCount) throw new Error(`${pgTableConfig(to).name} already holds rows: copy into an empty database.`);
      const perBatch = Math.max(1, Math.floor(PARAMETERS / keys.length));
      let batch: Record<string, unknown>[] = [];
      const flush = async () => {
        if (batch.length) await target.insert(to).values(batch);
        copied += batch.length;
        batch = [];
      };
      const rows = sqlite.prepare(`select * from "${from.name}"`).raw(false).iterate() as IterableIterator<
        Record<string, unknown>
      >;
      let count = 0;
      for (const row of rows) {
        // The stored value, as drizzle reads it from SQLite (a boolean from 0/1), under the column's JS name.
        batch.push(
          Object.fromEntries(
            keys.map((key) => {
              const column = fromColumns[key]!;
              const stored = row[column.name];
              return [key, stored === null || stored === undefined ? null : column.mapFromDriverValue(stored)];
            }),
          ),
        );
        count++;
        if (batch.length >= perBatch) await flush();
      }
      await flush();
      log(`${from.name}: ${count} rows`);
    }
    // Ids the database gives (identity columns) go on after the highest copied one.
    const identities = await client.query<{ table_name: string; column_name: string }>(
      "select table_name, column_name from information_schema.columns where table_schema = 'public' and is_identity = 'YES'",
    );
    for (const { table_name, column_name } of identities.rows)
      await client.query(
        `select setval(pg_get_serial_sequence('"${table_name}"', '${column_name}'),
           coalesce((select max("${column_name}") from "${table_name}"), 0) + 1, false)`,
      );
    // Every foreign key, checked once over the copied rows (they were not checked as they went in).
    for (const table of Object.values(pgSchema) as PgTable[]) {
      const config = pgTableConfig(table);
      for (const key of config.foreignKeys) {
        const ref = key.reference();
        const parent = pgTableConfig(ref.foreignTable).name;
        const pairs = ref.columns.map((c, i) => `p."${ref.foreignColumns[i]!.name}" = c."${c.name}"`).join(" and ");
        const present = ref.columns.map((c) => `c."${c.name}" is not null`).join(" and ");
        const broken = await client.query(
          `select count(*) as n from "${config.name}" c where ${present} and not exists (select 1 from "${parent}" p where ${pairs})`,
        );
        const n = Number((broken.rows[0] as { n: string }).n);
        if (n > 0) throw new Error(`${n} row(s) of ${config.name} point at no row of ${parent}: nothing was copied.`);
      }
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    sqlite.close();
    await client.end();
  }
  return copied;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const file = process.argv[2];
  const url = process.env.DATABASE_URL;
  if (!file || !existsSync(file) || !url) {
    console.error(
      "Usage: DATABASE_URL=postgres://… npm run db:copy-to-postgres -- FILE.sqlite (an empty target database)",
    );
    process.exit(2);
  }
  const copied = await copyToPostgres(file, url, (line) => console.log(line));
  console.log(`Copied ${copied} rows from ${file} into PostgreSQL.`);
}
