import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/lib/db.server";

const dir = mkdtempSync(path.join(tmpdir(), "portal-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the embedded database", () => {
  const db = openDatabase(path.join(dir, "test.sqlite"));
  const sqlite = db.$client;

  it("is migrated, in WAL mode, with full sync and foreign keys on", () => {
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.prepare("select count(*) as n from sqlite_master where name = 'audit_log'").get()).toEqual({ n: 1 });
  });

  it("keeps the audit trail append-only: UPDATE and DELETE are refused", () => {
    sqlite.prepare("insert into audit_log (at, action, result) values (?, 'test', 'ok')").run(new Date().toISOString());
    expect(() => sqlite.prepare("update audit_log set action = 'changed'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare("delete from audit_log").run()).toThrow(/append-only/);
    expect(sqlite.prepare("select action from audit_log").all()).toEqual([{ action: "test" }]);
  });

  it("opens an existing file again without re-applying migrations", () => {
    const again = openDatabase(path.join(dir, "test.sqlite"));
    expect(again.$client.prepare("select count(*) as n from audit_log").get()).toEqual({ n: 1 });
    again.$client.close();
  });
});
