import Database from "better-sqlite3";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../support/database";
import { Browserish, dataDir } from "../support/http";
import { pagedPeopleSignedIn } from "../support/paged-people";
import { fullScans, queryLogMark, statementsSince } from "../support/query-plans";

/**
 * Every query behind the pages the scale bench loads finds its rows through an index: SQLite is asked
 * how it runs each statement the server used while those pages loaded (EXPLAIN QUERY PLAN), and none
 * reads a whole table that grows with people. SQLite's planner only (tests/vitest.config.ts:
 * SQLITE_ONLY); the pages themselves are tested on both engines in scale.test.ts.
 */
let db: TestDatabase;
let lead: Browserish;
let person: Browserish;
let personIds: string[];

/** Tables that stay small whatever the number of people: a full scan of these is fine. */
// Tables that grow with the scheme's own work, not with people: read whole, and cached by version.
const SMALL_TABLES = new Set(["teams", "sign_in_failures", "__drizzle_migrations", "menu_changes"]);

beforeAll(async () => {
  db = await openTestDatabase({ writable: true });
  ({ lead, person, personIds } = await pagedPeopleSignedIn(db, "plans"));
});

afterAll(() => db?.close());

/** Loads every page the scale bench loads; the distinct statements the server ran for them. */
async function statementsBehindThePages(): Promise<Set<string>> {
  const from = queryLogMark();
  const first = personIds[0]!;
  const waiting = personIds[1]!;
  const pages: [Browserish | null, string][] = [
    [null, "/"],
    [person, `/people/${first}`],
    [person, `/people/${first}/budget`],
    [person, `/people/${first}/plan`],
    [person, `/people/${first}/journey`],
    [person, `/people/${first}/plan/history`],
    [person, `/people/${first}/audit`],
    [person, `/people/${first}/my-data`],
    [person, `/people/${first}/my-data.json`],
    [person, "/notifications"],
    [lead, "/home"],
    [lead, "/queue"],
    [lead, `/people/${waiting}/plan/review`],
    [lead, "/notifications"],
  ];
  for (const [who, page] of pages) {
    const res = await (who ?? new Browserish()).get(page);
    expect(res.status, page).toBe(200);
    await res.arrayBuffer();
  }
  return statementsSince(from);
}

describe("every query behind the listed pages finds its rows through an index", () => {
  it("EXPLAIN QUERY PLAN shows no full scan of a table that grows with people", async () => {
    const statements = await statementsBehindThePages();
    expect(statements.size).toBeGreaterThan(20);
    const sqlite = new Database(path.join(dataDir(), "portal.sqlite"), { readonly: true, fileMustExist: true });
    try {
      expect(fullScans(sqlite, statements, SMALL_TABLES)).toEqual([]);
    } finally {
      sqlite.close();
    }
  });

  it("no statement behind them binds its LIMIT, which SQLite would prepare again on every run", async () => {
    const statements = [...(await statementsBehindThePages())];
    // Statements reading one row (the session's among them) and pages of lists are among those checked.
    expect(statements.filter((s) => /\blimit 1\b/i.test(s)).length).toBeGreaterThan(5);
    expect(statements.filter((s) => /\blimit 25\b/i.test(s)).length).toBeGreaterThan(0);
    expect(statements.filter((s) => /\blimit \?/i.test(s))).toEqual([]);
  });
});
