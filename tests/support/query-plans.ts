import type Database from "better-sqlite3";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { dataDir } from "./http";

/** Where the test server writes the text of each statement it uses (PORTAL_QUERY_LOG), and how far it has got. */
export function queryLogMark(): number {
  return statSync(path.join(dataDir(), "queries.log")).size;
}

/** The distinct statements the server used since `mark`. */
export function statementsSince(mark: number): Set<string> {
  return new Set(
    // `mark` counts bytes: cut the bytes, then decode (a statement may hold text that is not ASCII).
    readFileSync(path.join(dataDir(), "queries.log"))
      .subarray(mark)
      .toString("utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as string),
  );
}

/**
 * Each full scan SQLite would make of a table outside `smallTables` to run these statements
 * (EXPLAIN QUERY PLAN), as "plan detail  ←  statement".
 */
export function fullScans(sqlite: Database.Database, statements: Iterable<string>, smallTables: Set<string>): string[] {
  const scans: string[] = [];
  const views = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'view'").pluck().all() as string[];
  for (const statement of statements) {
    const explain = sqlite.prepare(`EXPLAIN QUERY PLAN ${statement}`);
    let plan: { detail: string }[] | undefined;
    // Parameters do not change the plan: bind a null for each one, named (@name, :name, $name) or not.
    const named = Object.fromEntries([...statement.matchAll(/[@:$]([A-Za-z_]\w*)/g)].map((m) => [m[1], null]));
    for (let n = 0; n < 200 && !plan; n++) {
      try {
        const nulls = Array<null>(n).fill(null);
        plan = (Object.keys(named).length > 0 ? explain.all(named, ...nulls) : explain.all(...nulls)) as {
          detail: string;
        }[];
      } catch (error) {
        if (!(error instanceof RangeError) && !(error instanceof TypeError)) throw error;
      }
    }
    // The newest line by its integer primary key ("order by seq desc limit 1") reads one row from
    // the end of the table's b-tree: SQLite calls it a scan, but it does not grow with the table.
    if (/order by seq desc limit 1$/i.test(statement.trim())) continue;
    // A common table expression, a subquery or a view read in full is the rows it already found, not a table
    // (a view's own reads are in the plan too, and checked like any other).
    const interim = new Set([
      ...[...statement.matchAll(/(\w+)\s+AS\s+(?:MATERIALIZED\s+)?\(/gi)].map((m) => m[1]),
      ...views,
    ]);
    for (const { detail } of plan ?? []) {
      const scanned = /^SCAN (\S+)/.exec(detail)?.[1];
      if (
        scanned &&
        // A table-valued function over one JSON value (json_each), not a table.
        !/ VIRTUAL TABLE /.test(detail) &&
        !smallTables.has(scanned) &&
        scanned !== "CONSTANT" &&
        !interim.has(scanned) &&
        !scanned.startsWith("(")
      )
        scans.push(`${detail}  ←  ${statement}`);
    }
  }
  return scans;
}
