// The PostgreSQL schema (db/schema.pg.ts) is the SQLite schema's twin (issue #16): every table, column,
// key and index the same, and each column's JS value the same shape, so the portal's models read the same
// rows from either engine. A change to one schema without the other fails here.
import { type Column, getTableColumns, getTableName, is, SQL, type Table } from "drizzle-orm";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pgSchema from "../../db/schema.pg";
import * as sqliteSchema from "../../db/schema.sqlite";

/**
 * The PostgreSQL column types a SQLite column type may become. Integers may widen to 64 bits (read as JS
 * numbers): milliseconds since 1970 and the audit trail's numbers. Nothing else changes type.
 */
const COMPATIBLE_TYPES: Record<string, string[]> = {
  SQLiteText: ["PgText"],
  SQLiteInteger: ["PgInteger", "PgBigInt53"],
  SQLiteBoolean: ["PgBoolean"],
};

/**
 * The one index that differs on purpose: PostgreSQL's B-tree refuses an entry longer than about 2.7 kB, so
 * its twin leaves out the signed-off items' JSON, which SQLite's index covers
 * (docs/decisions/2026-12-02-insights-on-postgresql.md). Any other difference fails.
 */
const LEFT_OUT_ON_POSTGRES: Record<string, string[]> = { insights_decisions_decided_idx: ["items"] };

type Described = {
  sqlName: string;
  columns: Record<string, unknown>;
  primaryKeys: string[][];
  uniqueConstraints: { name: string; columns: string[] }[];
  indexes: { name: string; unique: boolean; columns: string[] }[];
  foreignKeys: { name: string; columns: string[]; table: string; foreignColumns: string[]; onDelete: string }[];
};

function tablesOf(schema: Record<string, unknown>, kind: typeof SQLiteTable | typeof PgTable): Map<string, Table> {
  return new Map(
    Object.entries(schema)
      .filter(([, value]) => is(value, kind))
      .map(([key, value]) => [key, value as Table]),
  );
}

const sqliteTables = tablesOf(sqliteSchema, SQLiteTable);
const pgTables = tablesOf(pgSchema, PgTable);

/** One column as a model sees it, besides its engine type (compared through COMPATIBLE_TYPES). */
function describeColumn(column: Column) {
  const value = column.default;
  return {
    name: column.name,
    dataType: column.dataType,
    notNull: column.notNull,
    primary: column.primary,
    unique: column.isUnique ? column.uniqueName : null,
    enumValues: column.enumValues ?? null,
    default: !column.hasDefault ? "none" : is(value, SQL) ? "sql" : value,
    // A number the database hands out: SQLite's AUTOINCREMENT, PostgreSQL's identity.
    generated: "autoIncrement" in column ? column.autoIncrement === true : column.generatedIdentity !== undefined,
  };
}

function describeTable(table: Table, config: ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>) {
  const names = (columns: readonly { name?: string }[]) => columns.map((c) => c.name ?? "(expression)");
  const columns: Record<string, ReturnType<typeof describeColumn>> = {};
  const types: Record<string, string> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    columns[key] = describeColumn(column);
    types[key] = column.columnType;
  }
  const described: Described = {
    sqlName: config.name,
    columns,
    primaryKeys: config.primaryKeys.map((pk) => names(pk.columns)),
    uniqueConstraints: config.uniqueConstraints.map((u) => ({ name: u.getName() ?? "", columns: names(u.columns) })),
    indexes: config.indexes
      .map((index) => ({
        name: index.config.name ?? "",
        unique: index.config.unique,
        columns: names(index.config.columns as { name?: string }[]),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const reference = fk.reference();
        return {
          name: fk.getName(),
          columns: names(reference.columns),
          table: getTableName(reference.foreignTable),
          foreignColumns: names(reference.foreignColumns),
          onDelete: fk.onDelete ?? "no action",
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
  return { described, types };
}

describe("the PostgreSQL schema mirrors the SQLite schema", () => {
  it("has the same tables, under the same JS and SQL names", () => {
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
    const sqlNames = (tables: Map<string, Table>) => [...tables.values()].map((t) => getTableName(t)).sort();
    expect(sqlNames(pgTables)).toEqual(sqlNames(sqliteTables));
    expect(sqliteTables.size).toBeGreaterThan(40);
  });

  it.each([...sqliteTables.keys()])("%s: same columns, nullability, keys, indexes and compatible types", (key) => {
    const sqliteTable = sqliteTables.get(key) as SQLiteTable;
    const pgTable = pgTables.get(key) as PgTable | undefined;
    expect(pgTable, `db/schema.pg.ts has no table ${key}`).toBeDefined();
    const sqlite = describeTable(sqliteTable, sqliteTableConfig(sqliteTable));
    const pg = describeTable(pgTable as PgTable, pgTableConfig(pgTable as PgTable));
    for (const index of sqlite.described.indexes) {
      const leftOut = LEFT_OUT_ON_POSTGRES[index.name];
      if (leftOut) index.columns = index.columns.filter((column) => !leftOut.includes(column));
    }

    expect(pg.described).toEqual(sqlite.described);
    for (const [column, sqliteType] of Object.entries(sqlite.types)) {
      const allowed = COMPATIBLE_TYPES[sqliteType];
      expect(allowed, `no PostgreSQL type is listed for ${sqliteType} (${key}.${column})`).toBeDefined();
      expect(allowed, `${key}.${column}: ${sqliteType} may not become ${pg.types[column]}`).toContain(pg.types[column]);
    }
  });
});
