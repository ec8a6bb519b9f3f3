import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/lib/db.server";

const dir = mkdtempSync(path.join(tmpdir(), "portal-signoff-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sign-off records never change", () => {
  const sqlite = openDatabase(path.join(dir, "test.sqlite")).$client;
  sqlite.pragma("foreign_keys = OFF"); // rows without the users and plans they point at, for this test only
  const now = new Date().toISOString();

  it("a submitted plan version refuses UPDATE and DELETE, byte for byte", () => {
    const snapshot = '{"plan":{"outcomes":[{"words":"walk  to the park"}]},"budget":{"totalPence":1}}';
    sqlite
      .prepare(
        "insert into plan_submissions (id, plan_id, person_id, version, snapshot, consent, submitted_by, submitted_at) values ('s1', 'p1', 'x1', 1, ?, 1, 'u1', ?)",
      )
      .run(snapshot, now);
    expect(() => sqlite.prepare("update plan_submissions set snapshot = '{}'").run()).toThrow(/never changes/);
    expect(() => sqlite.prepare("delete from plan_submissions").run()).toThrow(/never changes/);
    expect(sqlite.prepare("select snapshot from plan_submissions where id = 's1'").get()).toEqual({ snapshot });
  });

  it("a decision refuses UPDATE and DELETE", () => {
    sqlite
      .prepare(
        "insert into plan_decisions (id, plan_id, submission_id, decision, decided_by, decided_at) values ('d1', 'p1', 's1', 'signed-off', 'u2', ?)",
      )
      .run(now);
    expect(() => sqlite.prepare("update plan_decisions set decision = 'changes-requested'").run()).toThrow(
      /append-only/,
    );
    expect(() => sqlite.prepare("delete from plan_decisions").run()).toThrow(/append-only/);
  });

  it("two submissions of one plan cannot share a version number", () => {
    expect(() =>
      sqlite
        .prepare(
          "insert into plan_submissions (id, plan_id, person_id, version, snapshot, consent, submitted_by, submitted_at) values ('s2', 'p1', 'x1', 1, '{}', 1, 'u1', ?)",
        )
        .run(now),
    ).toThrow(/UNIQUE/);
  });
});
