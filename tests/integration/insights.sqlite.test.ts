import Database from "better-sqlite3";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO, signIn } from "../support/accounts";
import { openTestDatabase } from "../support/database";
import { dataDir } from "../support/http";
import { fullScans, queryLogMark, statementsSince } from "../support/query-plans";

/**
 * The insights pages find their rows through indexes or the summary kept as events happen: SQLite is
 * asked how it runs each statement the server used for the commissioner's and a team administrator's
 * page (EXPLAIN QUERY PLAN). SQLite's planner only (tests/vitest.config.ts: SQLITE_ONLY); the figures
 * themselves are checked on both engines in insights.test.ts.
 */
describe("the queries behind the insights", () => {
  it("find their rows through indexes or the summary (EXPLAIN QUERY PLAN: no full scan of a table that grows with people)", async () => {
    const morgan = await signIn(DEMO.morgan);
    const jo = await signIn(DEMO.jo); // the demo team's administrator
    // A record the insights read changes, so the server works each report out again rather than showing
    // the rows it kept from an earlier test's request (app/models/insights.server.ts: insightsRows).
    const db = await openTestDatabase({ writable: true });
    try {
      await db.run("UPDATE plans SET state = state WHERE id = (SELECT min(id) FROM plans)");
    } finally {
      await db.close();
    }
    const mark = queryLogMark();
    expect((await morgan.get("/insights?from=2025-01-01&to=2025-06-30")).status).toBe(200);
    expect((await morgan.get("/insights")).status).toBe(200);
    expect((await jo.get("/insights/team")).status).toBe(200);
    // Actual spend reads the ledger, voucher claims and grant spending; stages, budgets and the learning loop
    // read the summary kept as events happen; decisions, planned spend, reviews and reconsiderations theirs.
    const ours = [...statementsSince(mark)].filter((sql) =>
      /ledger_entries|voucher_claims|grant_spending|insights_people|insights_decisions|plan_reviews|reconsideration/.test(
        sql,
      ),
    );
    expect(ours.length).toBeGreaterThanOrEqual(9);
    const sqlite = new Database(path.join(dataDir(), "portal.sqlite"), { readonly: true, fileMustExist: true });
    try {
      expect(fullScans(sqlite, ours, new Set(["teams"]))).toEqual([]);
    } finally {
      sqlite.close();
    }
  });
});
