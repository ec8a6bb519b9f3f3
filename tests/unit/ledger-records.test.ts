import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/lib/db.server";

const dir = mkdtempSync(path.join(tmpdir(), "portal-ledger-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the money records never change", () => {
  const sqlite = openDatabase(path.join(dir, "test.sqlite")).$client;
  sqlite.pragma("foreign_keys = OFF"); // rows without the people and plans they point at, for this test only
  const now = new Date().toISOString();

  it("a ledger entry refuses UPDATE and DELETE: a correction is a new entry", () => {
    sqlite
      .prepare(
        "insert into ledger_entries (id, person_id, plan_id, kind, entry_date, amount_pence, item_id, recorded_by, recorded_at) values ('e1', 'x1', 'p1', 'spent', '2027-01-05', 2500, 'gym', 'u1', ?)",
      )
      .run(now);
    expect(() => sqlite.prepare("update ledger_entries set amount_pence = 1").run()).toThrow(/record a correction/);
    expect(() => sqlite.prepare("delete from ledger_entries").run()).toThrow(/record a correction/);
    expect(sqlite.prepare("select amount_pence from ledger_entries where id = 'e1'").get()).toEqual({
      amount_pence: 2500,
    });
  });

  it("one statement line is recorded once for a person", () => {
    const insert = sqlite.prepare(
      "insert into ledger_entries (id, person_id, plan_id, kind, entry_date, amount_pence, fingerprint, recorded_by, recorded_at) values (?, 'x1', 'p1', 'spent', '2027-01-05', 200, '2027-01-05|-200|coffee|1', 'u1', ?)",
    );
    insert.run("e2", now);
    expect(() => insert.run("e3", now)).toThrow(/UNIQUE/);
  });

  it("receipts, agreed contingencies and sharing choices refuse UPDATE and DELETE", () => {
    sqlite
      .prepare(
        "insert into receipts (id, person_id, entry_id, stored_name, media_type, bytes, uploaded_by, uploaded_at) values ('r1', 'x1', 'e1', 'abc', 'application/pdf', 10, 'u1', ?)",
      )
      .run(now);
    sqlite
      .prepare(
        "insert into contingencies (id, person_id, plan_id, amount_pence, what_for, agreed_by, agreed_at) values ('c1', 'x1', 'p1', 50000, 'nights at the crisis house', 'u2', ?)",
      )
      .run(now);
    sqlite
      .prepare("insert into spending_shares (person_id, shared, set_by, set_at) values ('x1', 1, 'u1', ?)")
      .run(now);
    for (const table of ["receipts", "contingencies", "spending_shares"]) {
      expect(() => sqlite.prepare(`update ${table} set person_id = 'x2'`).run(), table).toThrow();
      expect(() => sqlite.prepare(`delete from ${table}`).run(), table).toThrow();
    }
  });

  it("spend by menu kind and provider sector is one query on an index", () => {
    const plan = sqlite
      .prepare(
        "explain query plan select menu_kind, sector, sum(case kind when 'spent' then amount_pence else 0 end) from ledger_entries where kind in ('spent') and entry_date between ? and ? group by menu_kind, sector",
      )
      .all("2027-01-01", "2027-12-31") as { detail: string }[];
    expect(plan.map((p) => p.detail).join(" ")).toContain("ledger_kind_date_idx");
  });
});
