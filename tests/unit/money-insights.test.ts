import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "~/lib/db.server";
import { spendByKindAndSector } from "~/models/money.server";

const dir = mkdtempSync(path.join(tmpdir(), "portal-money-insights-"));
const previous = process.env.DATA_DIR;

beforeAll(() => {
  process.env.DATA_DIR = dir;
  const sqlite = db().$client;
  sqlite.pragma("foreign_keys = OFF"); // entries without the people and plans they point at, for this test only
  const insert = sqlite.prepare(
    "insert into ledger_entries (id, person_id, plan_id, kind, entry_date, amount_pence, menu_kind, sector, reverses, reversed_kind, recorded_by, recorded_at) values (?, ?, 'p', ?, ?, ?, ?, ?, ?, ?, 'u', '2027-01-01T00:00:00Z')",
  );
  insert.run("a", "x1", "spent", "2027-01-10", 2_500, "citizen-led", "community", null, null);
  insert.run("b", "x2", "spent", "2027-01-11", 4_000, "citizen-led", "community", null, null);
  insert.run("c", "x2", "spent", "2027-02-01", 6_500, "controlled-treatment", "statutory", null, null);
  insert.run("d", "x2", "reversal", "2027-02-02", 4_000, "citizen-led", "community", "b", "spent");
  insert.run("e", "x1", "received", "2027-01-05", 90_000, null, null, null, null);
  insert.run("f", "x1", "spent", "2026-12-31", 1_000, "citizen-led", "community", null, null);
});

afterAll(async () => {
  await closeDatabase();
  process.env.DATA_DIR = previous;
  rmSync(dir, { recursive: true, force: true });
});

describe("actual spend for the insights", () => {
  it("by menu kind and statutory or community provider, less reversals, within the period, with how many people", async () => {
    const rows = await spendByKindAndSector("2027-01-01", "2027-03-31");
    const find = (kind: string, sector: string) => rows.find((r) => r.menuKind === kind && r.sector === sector);
    expect(find("citizen-led", "community")).toMatchObject({ pence: 2_500, people: 2 });
    expect(find("controlled-treatment", "statutory")).toMatchObject({ pence: 6_500, people: 1 });
    expect(rows.reduce((a, r) => a + r.pence, 0)).toBe(9_000);
  });
});
