// A lead professional's caseload (home page names and stages, the queue) is kept by each server while its
// records are unchanged (app/models/caseload.server.ts). That is only safe if every write to those records
// raises the count of the right lead professional, on both engines: each kind of write is made here, one at a
// time, and the counts of two lead professionals are compared before and after.
import type { SQL } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { onBothEngines, type Engine } from "../support/both-engines";

const LEAD = "caseload-lead-one";
const OTHER = "caseload-lead-two";

async function onEngine(engine: Engine) {
  vi.resetModules();
  if (engine.DATABASE_URL) process.env.DATABASE_URL = engine.DATABASE_URL;
  else delete process.env.DATABASE_URL;
  process.env.DATA_DIR = engine.DATA_DIR;
  const { closeDatabase, databaseReady, db, onPostgres, rows, transaction } = await import("~/lib/db.server");
  const { caseloadChanges, keptCaseloadList, CASELOAD_SOURCES } = await import("~/models/caseload.server");
  const { sql } = await import("drizzle-orm");
  await databaseReady();
  expect(onPostgres()).toBe(engine.DATABASE_URL !== undefined);
  const yes = sql.raw(onPostgres() ? "true" : "1");
  const write = async (statement: SQL) => {
    const handle = db() as unknown as { run?: (q: SQL) => unknown; execute?: (q: SQL) => Promise<unknown> };
    await transaction(async () => {
      await (onPostgres() ? handle.execute!(statement) : handle.run!(statement));
    });
  };
  const counts = async () => [await caseloadChanges(LEAD), await caseloadChanges(OTHER)];
  /** Which lead professionals' counts a write raised: [first, second]. */
  const raised = async (statement: SQL) => {
    const before = await counts();
    await write(statement);
    const after = await counts();
    return [after[0]! > before[0]!, after[1]! > before[1]!];
  };
  const user = (id: string, role: string) =>
    write(sql`INSERT INTO users (id, email, name, role, password_hash)
      VALUES (${id}, ${`${id}@example.invalid`}, ${id}, ${role}, 'not-a-password')`);
  await user(LEAD, "lead-professional");
  await user(OTHER, "lead-professional");
  await user("caseload-person-user", "person");
  await user("caseload-unled-user", "person");
  const at = "2026-12-03T10:00:00.000Z";

  const seen: Record<string, boolean[]> = {
    "a person joins the caseload": await raised(
      sql`INSERT INTO persons (id, user_id, lead_professional_id) VALUES ('p1', 'caseload-person-user', ${LEAD})`,
    ),
    "a person with no lead professional joins": await raised(
      sql`INSERT INTO persons (id, user_id) VALUES ('p2', 'caseload-unled-user')`,
    ),
    "the person's name changes": await raised(
      sql`UPDATE users SET name = 'A new name' WHERE id = 'caseload-person-user'`,
    ),
    "the lead professional's own name changes": await raised(
      sql`UPDATE users SET name = 'Their new name' WHERE id = ${LEAD}`,
    ),
    "anything else of the person's account changes": await raised(
      sql`UPDATE users SET totp_last_step = 1 WHERE id = 'caseload-person-user'`,
    ),
    "an assessment starts": await raised(
      sql`INSERT INTO assessments (id, person_id, cycle, created_at) VALUES ('a1', 'p1', 1, ${at})`,
    ),
    "an answer is given": await raised(
      sql`INSERT INTO assessment_answers (assessment_id, need_area, rating, rather_not_say, answered_by, answered_at)
        VALUES ('a1', 'home', 2, ${sql.raw(onPostgres() ? "false" : "0")}, 'caseload-person-user', ${at})`,
    ),
    "an answer changes": await raised(sql`UPDATE assessment_answers SET rating = 3 WHERE assessment_id = 'a1'`),
    "an answer is taken back": await raised(sql`DELETE FROM assessment_answers WHERE assessment_id = 'a1'`),
    "informal support is recorded": await raised(sql`UPDATE assessments SET informal = 'none' WHERE id = 'a1'`),
    "a plan starts": await raised(
      sql`INSERT INTO plans (id, person_id, cycle, state, created_at) VALUES ('pl1', 'p1', 1, 'draft', ${at})`,
    ),
    "a plan part is saved": await raised(
      sql`INSERT INTO plan_sections (plan_id, section, version, content, saved_by, saved_at)
        VALUES ('pl1', 'outcomes', 1, '[]', 'caseload-person-user', ${at})`,
    ),
    "a plan part is saved again": await raised(sql`UPDATE plan_sections SET version = 2 WHERE plan_id = 'pl1'`),
    "a plan part is emptied away": await raised(sql`DELETE FROM plan_sections WHERE plan_id = 'pl1'`),
    "the plan is sent": await raised(
      sql`INSERT INTO plan_submissions (id, plan_id, person_id, version, snapshot, consent, submitted_by, submitted_at)
        VALUES ('s1', 'pl1', 'p1', 1, '{}', ${yes}, 'caseload-person-user', ${at})`,
    ),
    "the plan moves on": await raised(sql`UPDATE plans SET state = 'submitted' WHERE id = 'pl1'`),
    "a decision is made": await raised(
      sql`INSERT INTO plan_decisions (id, plan_id, submission_id, decision, review_date, decided_by, decided_at)
        VALUES ('d1', 'pl1', 's1', 'signed-off', '2027-03-03', ${LEAD}, ${at})`,
    ),
    "the person moves to another lead professional": await raised(
      sql`UPDATE persons SET lead_professional_id = ${OTHER} WHERE id = 'p1'`,
    ),
    "their plan moves on, now under the other": await raised(
      sql`UPDATE plans SET state = 'signed-off' WHERE id = 'pl1'`,
    ),
  };

  // What a server keeps: worked out once while nothing changes, again after a change to this caseload only.
  let workedOut = 0;
  const list = () => keptCaseloadList(OTHER, "test", async () => ({ n: ++workedOut }));
  const first = await list();
  const kept = { again: (await list()) === first, afterOther: false, afterOwn: false, workedOut: 0 };
  await write(sql`UPDATE users SET name = 'Someone else' WHERE id = 'caseload-unled-user'`);
  kept.afterOther = (await list()) === first;
  await write(sql`UPDATE plans SET state = 'in-review' WHERE id = 'pl1'`);
  const second = await list();
  kept.afterOwn = second !== first && (await list()) === second;
  kept.workedOut = workedOut;

  const triggers = onPostgres()
    ? await rows<{ found: string }>(sql`SELECT DISTINCT c.relname AS "found"
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc f ON f.oid = t.tgfoid
        WHERE f.proname = 'caseload_count_change'`)
    : await rows<{ found: string }>(sql`SELECT DISTINCT tbl_name AS "found"
        FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%caseload_version%'`);
  await closeDatabase();
  return { seen, kept, counting: triggers.map((t) => t.found).sort(), sources: [...CASELOAD_SOURCES] };
}

const both = onBothEngines("caseload-kept-", onEngine);

// [first lead professional's count raised, second's]
const EXPECTED: Record<string, boolean[]> = {
  "a person joins the caseload": [true, false],
  "a person with no lead professional joins": [false, false],
  "the person's name changes": [true, false],
  "the lead professional's own name changes": [false, false],
  "anything else of the person's account changes": [false, false],
  "an assessment starts": [true, false],
  "an answer is given": [true, false],
  "an answer changes": [true, false],
  "an answer is taken back": [true, false],
  "informal support is recorded": [true, false],
  "a plan starts": [true, false],
  "a plan part is saved": [true, false],
  "a plan part is saved again": [true, false],
  "a plan part is emptied away": [true, false],
  "the plan is sent": [true, false],
  "the plan moves on": [true, false],
  "a decision is made": [true, false],
  "the person moves to another lead professional": [true, true],
  "their plan moves on, now under the other": [false, true],
};

describe("a lead professional's caseload, kept until its records change", () => {
  it("every write to a caseload's records raises its lead professional's count, and no other, on SQLite", () => {
    expect(both.sqlite.seen).toEqual(EXPECTED);
  });

  it("every write to a caseload's records raises its lead professional's count, and no other, on PostgreSQL", () => {
    expect(both.postgres.seen).toEqual(EXPECTED);
  });

  it("is worked out once while unchanged, and again after a change to that caseload only, on both", () => {
    const expected = { again: true, afterOther: true, afterOwn: true, workedOut: 2 };
    expect(both.sqlite.kept).toEqual(expected);
    expect(both.postgres.kept).toEqual(expected);
  });

  it("counts changes on every table CASELOAD_SOURCES names, and only those, on both", () => {
    expect(both.sqlite.counting).toEqual(both.sqlite.sources);
    expect(both.postgres.counting).toEqual(both.postgres.sources);
  });
});
