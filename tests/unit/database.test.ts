import Database from "better-sqlite3";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

describe("start-up that does not grow with data", () => {
  /** A copy of the committed migrations, so a test can add one more. */
  function migrationsCopy(): string {
    const copy = mkdtempSync(path.join(tmpdir(), "portal-migrations-"));
    cpSync(path.resolve("db/migrations"), copy, { recursive: true });
    return copy;
  }

  it("checks foreign keys only when a migration ran: a reopen skips the check, a new migration runs it", () => {
    const migrations = migrationsCopy();
    const file = path.join(dir, "fk.sqlite");
    const before = process.env.MIGRATIONS_DIR;
    process.env.MIGRATIONS_DIR = migrations;
    try {
      openDatabase(file).$client.close();
      // A row pointing at no account, written behind the portal's back (foreign keys off).
      const raw = new Database(file);
      raw.pragma("foreign_keys = OFF");
      raw.prepare("insert into persons (id, user_id) values ('orphan', 'nobody')").run();
      raw.close();
      // No migration to apply: the database opens without reading every row.
      expect(() => openDatabase(file).$client.close()).not.toThrow();
      // One more migration: after it runs, every row is checked and the broken one is found.
      const journalFile = path.join(migrations, "meta", "_journal.json");
      const journal = JSON.parse(readFileSync(journalFile, "utf8"));
      const last = journal.entries.at(-1);
      journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: "9999_test" });
      writeFileSync(journalFile, JSON.stringify(journal));
      writeFileSync(
        path.join(migrations, "9999_test.sql"),
        "CREATE TABLE `test_only` (`id` text PRIMARY KEY NOT NULL);",
      );
      expect(() => openDatabase(file)).toThrow(/broken foreign key/);
    } finally {
      if (before === undefined) delete process.env.MIGRATIONS_DIR;
      else process.env.MIGRATIONS_DIR = before;
      rmSync(migrations, { recursive: true, force: true });
    }
  });

  it("reuses each prepared statement, and a reused one still returns rows as objects", () => {
    const sqlite = openDatabase(path.join(dir, "test.sqlite")).$client;
    const first = sqlite.prepare("select action from audit_log where action = ?");
    first.raw(true);
    const again = sqlite.prepare("select action from audit_log where action = ?");
    expect(again).toBe(first);
    expect(again.all("test")).toEqual([{ action: "test" }]);
    sqlite.close();
  });
});
