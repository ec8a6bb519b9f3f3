// The PostgreSQL migrations (db/migrations-pg) on a real, throwaway PostgreSQL server (issue #16): they
// make every table of the schema, the keys hold, and each guarantee the SQLite triggers give has its
// PL/pgSQL twin that refuses the same things with the same message. No portal server is needed.
import { readdirSync, readFileSync } from "node:fs";
import { getTableColumns, getTableName, is } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.pg";
import { endPool, startPostgres, type TestPostgres } from "../support/postgres";

type SqliteTrigger = { name: string; table: string; op: "UPDATE" | "DELETE"; conditional: boolean; message: string };

/** The SQLite triggers in force after every migration, in order (a later DROP TRIGGER removes one). */
function sqliteTriggers(): SqliteTrigger[] {
  const folder = "db/migrations";
  const sql = readdirSync(folder)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .map((file) => readFileSync(`${folder}/${file}`, "utf8"))
    .join("\n");
  const triggers = new Map<string, SqliteTrigger>();
  const statement =
    /DROP TRIGGER `(\w+)`|CREATE TRIGGER `(\w+)` BEFORE (UPDATE|DELETE)( OF [^]*?)? ON `(\w+)`([^]*?)BEGIN\s+SELECT RAISE\(ABORT, '([^']*)'\);\s*END;/g;
  for (const m of sql.matchAll(statement)) {
    if (m[1]) triggers.delete(m[1]);
    else
      triggers.set(m[2]!, {
        name: m[2]!,
        op: m[3] as "UPDATE" | "DELETE",
        table: m[5]!,
        conditional: m[4] !== undefined || /\bWHEN\b/.test(m[6]!),
        message: m[7]!,
      });
  }
  return [...triggers.values()];
}

const triggers = sqliteTriggers();
const tables: PgTable[] = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
const unconditional = triggers.filter((t) => !t.conditional);
const refusesDelete = [...new Map(triggers.filter((t) => t.op === "DELETE").map((t) => [t.table, t])).values()];

let server: TestPostgres;
let pool: pg.Pool;
let db: NodePgDatabase<typeof schema>;

/** The error a statement fails with (the test fails if it succeeds). */
async function refusal(statement: string): Promise<{ code?: string; message: string }> {
  try {
    await pool.query(statement);
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error(`not refused: ${statement}`);
}

async function count(table: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
  return rows[0]!.n;
}

const at = "2026-12-02T10:00:00.000Z";
const day = "2026-12-02";

/** One row in every table a SQLite trigger guards (and the rows they refer to), through drizzle's pg driver. */
async function insertOneOfEach() {
  const s = schema;
  await db.insert(s.teams).values({ id: "team-1", name: "North" });
  await db.insert(s.users).values([
    { id: "user-1", email: "a@example.test", name: "A", role: "person", passwordHash: "x" },
    {
      id: "user-2",
      email: "b@example.test",
      name: "B",
      role: "lead-professional",
      passwordHash: "x",
      teamId: "team-1",
    },
  ]);
  await db.insert(s.persons).values({ id: "person-1", userId: "user-1", leadProfessionalId: "user-2" });
  await db.insert(s.assessments).values({ id: "assessment-1", personId: "person-1" });
  const common = { personId: "person-1" };
  await db.insert(s.allocations).values({
    ...common,
    id: "allocation-1",
    assessmentId: "assessment-1",
    basis: "self",
    ruleSetId: "rs",
    inputs: "{}",
    eligible: true,
    points: 10,
    nhsPence: 100,
    councilPence: 200,
    totalPence: 300,
    weeklyPence: 6,
    flags: "[]",
    explanation: "[]",
    createdBy: "user-1",
    createdAt: at,
  });
  await db.insert(s.agreedRatings).values({
    id: "rating-1",
    assessmentId: "assessment-1",
    needArea: "home",
    rating: 2,
    reason: "r",
    agreedBy: "user-2",
    agreedAt: at,
  });
  await db.insert(s.plans).values({ ...common, id: "plan-1" });
  await db.insert(s.planSectionHistory).values({
    planId: "plan-1",
    section: "about-me",
    version: 1,
    content: "c",
    savedBy: "user-1",
    savedAt: at,
    outcome: "saved",
  });
  await db.insert(s.planSubmissions).values({
    ...common,
    id: "submission-1",
    planId: "plan-1",
    version: 1,
    snapshot: "{}",
    consent: true,
    submittedBy: "user-1",
    submittedAt: at,
  });
  await db.insert(s.planDecisions).values({
    id: "decision-1",
    planId: "plan-1",
    submissionId: "submission-1",
    decision: "signed-off",
    decidedBy: "user-2",
    decidedAt: at,
  });
  await db.insert(s.ledgerEntries).values({
    ...common,
    id: "entry-1",
    planId: "plan-1",
    kind: "spent",
    entryDate: day,
    amountPence: 500,
    recordedBy: "user-1",
    recordedAt: at,
  });
  await db.insert(s.receipts).values({
    ...common,
    id: "receipt-1",
    entryId: "entry-1",
    storedName: "r.pdf",
    mediaType: "application/pdf",
    bytes: 10,
    uploadedBy: "user-1",
    uploadedAt: at,
  });
  await db.insert(s.contingencies).values({
    ...common,
    id: "contingency-1",
    planId: "plan-1",
    amountPence: 100,
    whatFor: "w",
    agreedBy: "user-2",
    agreedAt: at,
  });
  await db.insert(s.spendingShares).values({ ...common, shared: true, setBy: "user-1", setAt: at });
  await db.insert(s.menuChanges).values({
    version: "v1",
    entryId: "e",
    change: "added",
    why: "w",
    madeBy: "user-2",
    madeAt: at,
  });
  await db.insert(s.categoryPlacements).values({
    ...common,
    id: "placement-1",
    assessmentId: "assessment-1",
    ruleSetId: "rs",
    categoryId: "c",
    reason: "r",
    placedBy: "user-2",
    placedAt: at,
  });
  await db.insert(s.categoryReviewRequests).values({
    ...common,
    id: "review-1",
    placementId: "placement-1",
    reason: "r",
    askedBy: "user-1",
    askedAt: at,
  });
  await db.insert(s.grants).values({
    ...common,
    id: "grant-1",
    purpose: "p",
    howItHelps: "h",
    askedPence: 1000,
    askedBy: "user-1",
    askedAt: at,
    answerBy: day,
  });
  await db.insert(s.grantSpending).values({
    ...common,
    id: "grant-spend-1",
    grantId: "grant-1",
    spentOn: day,
    amountPence: 100,
    what: "w",
    recordedBy: "user-1",
    recordedAt: at,
  });
  await db.insert(s.vouchers).values({
    ...common,
    id: "voucher-1",
    treatment: "t",
    sessions: 6,
    valuePence: 600,
    expiresOn: day,
    issuedBy: "user-2",
    issuedAt: at,
  });
  await db.insert(s.voucherProviders).values({
    ...common,
    id: "voucher-provider-1",
    voucherId: "voucher-1",
    providerId: "p",
    chosenBy: "user-1",
    chosenAt: at,
  });
  await db.insert(s.voucherClaims).values({
    ...common,
    id: "voucher-claim-1",
    voucherId: "voucher-1",
    providerId: "p",
    sessions: 1,
    amountPence: 100,
    sessionDate: day,
    recordedBy: "user-2",
    recordedAt: at,
  });
  await db.insert(s.menuQuestions).values({
    id: "question-1",
    entryId: "e",
    menuVersion: "v1",
    message: "m",
    senderKey: "k",
    askedAt: at,
  });
  await db.insert(s.menuQuestionReplies).values({
    id: "reply-1",
    questionId: "question-1",
    reply: "r",
    repliedBy: "user-2",
    repliedAt: at,
  });
  // Audit lines 1-3 written before the chain existed (no hashes); line 4 chained.
  await db.insert(s.auditLog).values([
    { at, action: "one", result: "ok" },
    { at, action: "two", result: "ok" },
    { at, action: "three", result: "ok" },
    { at, action: "four", result: "ok", prevHash: "h3", hash: "h4" },
  ]);
  await db.insert(s.auditArchives).values({
    file: "audit-1.jsonl",
    firstSeq: 1,
    lastSeq: 1,
    lines: 1,
    lastHash: "h1",
    sha256: "s",
    archivedAt: at,
  });
  await db.insert(s.schemeRuleSets).values([
    { id: "draft", definition: "{}", createdBy: "user-2", updatedBy: "user-2", updatedAt: at },
    { id: "published", definition: "{}", status: "published", createdBy: "user-2", updatedBy: "user-2", updatedAt: at },
  ]);
}

beforeAll(async () => {
  // Long enough for apt-get to install PostgreSQL on a machine without it.
  server = await startPostgres();
  pool = new pg.Pool({ connectionString: server.url, max: 2 });
  db = drizzle(pool, { schema });
  await migrate(db, { migrationsFolder: "db/migrations-pg" });
  await insertOneOfEach();
}, 600_000);

afterAll(async () => {
  if (pool) await endPool(pool);
  await server?.stop();
}, 60_000);

describe("PostgreSQL migrations", () => {
  it("make every table of db/schema.pg.ts, with its columns and their nullability", async () => {
    const { rows } = await pool.query<{ table_name: string; column_name: string; is_nullable: string }>(
      // Tables only: the insights summary's views (migration 0002) have columns too.
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'
         AND table_name IN (SELECT table_name FROM information_schema.tables
           WHERE table_schema = 'public' AND table_type = 'BASE TABLE')`,
    );
    const inDatabase = rows.map(
      (r) => `${r.table_name}.${r.column_name} ${r.is_nullable === "NO" ? "not null" : "null"}`,
    );
    const inSchema = tables.flatMap((table) =>
      Object.values(getTableColumns(table)).map(
        (c) => `${getTableName(table)}.${c.name} ${c.notNull ? "not null" : "null"}`,
      ),
    );
    expect(tables.length).toBeGreaterThan(40);
    expect(inDatabase.sort()).toEqual(inSchema.sort());
  });

  it("make every index of db/schema.pg.ts", async () => {
    const { rows } = await pool.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`,
    );
    const names = rows.map((r) => r.indexname);
    for (const name of ["users_email_unique", "audit_person_idx", "ledger_person_fingerprint", "menu_questions_user"]) {
      expect(names).toContain(name);
    }
  });

  it("give every SQLite trigger a twin of the same name on the same table, refusing TRUNCATE too", async () => {
    expect(triggers.length).toBeGreaterThan(40);
    const { rows } = await pool.query<{ table: string; name: string }>(
      `SELECT c.relname AS table, t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE NOT t.tgisinternal`,
    );
    const inDatabase = rows.map((r) => `${r.table}.${r.name}`);
    for (const trigger of triggers) expect(inDatabase).toContain(`${trigger.table}.${trigger.name}`);
    for (const { table } of refusesDelete)
      expect(inDatabase.some((t) => t.startsWith(`${table}.`) && t.endsWith("_no_truncate"))).toBe(true);
  });

  it("write created_at as SQLite does: ISO text in UTC with milliseconds", async () => {
    const [team] = await db.select().from(schema.teams);
    expect(team?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(team!.createdAt) - Date.now())).toBeLessThan(60_000);
    // Value shapes the models see: booleans and 64-bit numbers as JS booleans and numbers.
    const [share] = await db.select().from(schema.spendingShares);
    expect(share?.shared).toBe(true);
    const lines = await db.select().from(schema.auditLog).orderBy(schema.auditLog.seq);
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
  });
});

describe("PostgreSQL keys", () => {
  it("refuse a row that points at nothing (foreign key)", async () => {
    const error = await refusal(`INSERT INTO "persons" ("id", "user_id") VALUES ('orphan', 'no-such-user')`);
    expect(error.code).toBe("23503");
    expect(await count("persons")).toBe(1);
  });

  it("refuse a second account with the same email (unique index) and a second code hash (unique column)", async () => {
    const duplicate = await refusal(
      `INSERT INTO "users" ("id", "email", "name", "role", "password_hash") VALUES ('user-3', 'a@example.test', 'C', 'person', 'x')`,
    );
    expect(duplicate.code).toBe("23505");
    expect(duplicate.message).toContain("users_email_unique");
    await db.insert(schema.invitations).values({
      id: "invitation-1",
      personId: "person-1",
      kind: "representative",
      codeHash: "same",
      createdBy: "user-1",
      expiresAt: at,
    });
    const again = await refusal(
      `INSERT INTO "invitations" ("id", "person_id", "kind", "code_hash", "created_by", "expires_at")
       VALUES ('invitation-2', 'person-1', 'representative', 'same', 'user-1', '${at}')`,
    );
    expect(again.code).toBe("23505");
  });
});

describe("PostgreSQL append-only tables (the SQLite triggers' twins)", () => {
  it.each(unconditional.map((t) => [t.name, t] as const))("%s refuses, with the same message", async (_, trigger) => {
    const before = await count(trigger.table);
    expect(before, `no row in ${trigger.table} to try it on`).toBeGreaterThan(0);
    const table = tables.find((t) => getTableName(t) === trigger.table)!;
    const column = Object.values(getTableColumns(table))[0]!.name;
    const statement =
      trigger.op === "UPDATE"
        ? `UPDATE "${trigger.table}" SET "${column}" = "${column}"`
        : `DELETE FROM "${trigger.table}"`;
    const error = await refusal(statement);
    expect(error.message).toBe(trigger.message);
    expect(error.code).toBe("23000");
    expect(await count(trigger.table)).toBe(before);
  });

  it.each(refusesDelete.map((t) => [t.table, t] as const))("%s refuses TRUNCATE", async (table, trigger) => {
    const before = await count(table);
    const error = await refusal(`TRUNCATE "${table}" CASCADE`);
    expect(error.code).toBe("23000");
    if (!trigger.conditional) expect(error.message).toBe(trigger.message);
    expect(await count(table)).toBe(before);
  });

  it("audit trail: a line written before the chain may be given its hashes once, nothing else", async () => {
    await pool.query(`UPDATE "audit_log" SET "prev_hash" = 'h1', "hash" = 'h2' WHERE "seq" = 2`);
    expect((await refusal(`UPDATE "audit_log" SET "hash" = 'other' WHERE "seq" = 2`)).message).toBe(
      "audit_log is append-only",
    );
    expect(
      (await refusal(`UPDATE "audit_log" SET "prev_hash" = 'h2', "hash" = 'h3', "action" = 'x' WHERE "seq" = 3`))
        .message,
    ).toBe("audit_log is append-only");
    expect((await refusal(`UPDATE "audit_log" SET "hash" = 'h3' WHERE "seq" = 3`)).message).toBe(
      "audit_log is append-only",
    );
    const { rows } = await pool.query(`SELECT "seq", "action", "prev_hash", "hash" FROM "audit_log" ORDER BY "seq"`);
    expect(rows).toEqual([
      { seq: "1", action: "one", prev_hash: null, hash: null },
      { seq: "2", action: "two", prev_hash: "h1", hash: "h2" },
      { seq: "3", action: "three", prev_hash: null, hash: null },
      { seq: "4", action: "four", prev_hash: "h3", hash: "h4" },
    ]);
  });

  it("audit trail: a line goes only once an archive records it (seq at most the newest last_seq)", async () => {
    // Archived up to line 1 (inserted above): line 2 may not go, nor may a statement taking lines 1 and 2.
    expect((await refusal(`DELETE FROM "audit_log" WHERE "seq" <= 2`)).message).toBe("audit_log is append-only");
    expect(await count("audit_log")).toBe(4);
    await pool.query(`DELETE FROM "audit_log" WHERE "seq" = 1`);
    await db.insert(schema.auditArchives).values({
      file: "audit-2.jsonl",
      firstSeq: 2,
      lastSeq: 3,
      lines: 2,
      lastHash: "h3",
      sha256: "s",
      archivedAt: at,
    });
    await pool.query(`DELETE FROM "audit_log" WHERE "seq" IN (2, 3)`);
    expect((await refusal(`DELETE FROM "audit_log" WHERE "seq" = 4`)).message).toBe("audit_log is append-only");
    const { rows } = await pool.query(`SELECT "seq" FROM "audit_log"`);
    expect(rows).toEqual([{ seq: "4" }]);
  });

  it("rule sets: a draft changes and goes; a published one keeps its definition and is retired, never deleted", async () => {
    await pool.query(`UPDATE "scheme_rule_sets" SET "definition" = '{"a":1}' WHERE "id" = 'draft'`);
    const message = "a published rule set never changes: make a new draft";
    for (const change of [
      `"definition" = '{"a":1}'`,
      `"id" = 'renamed'`,
      `"effective_from" = '2027-01-01'`,
      `"approved_by" = 'user-2'`,
      `"status" = 'draft'`,
    ]) {
      expect((await refusal(`UPDATE "scheme_rule_sets" SET ${change} WHERE "id" = 'published'`)).message).toBe(message);
    }
    expect((await refusal(`DELETE FROM "scheme_rule_sets" WHERE "id" = 'published'`)).message).toBe(
      "a published rule set is never deleted",
    );
    await pool.query(
      `UPDATE "scheme_rule_sets" SET "status" = 'retired', "retired_by" = 'user-2', "retired_at" = '${at}' WHERE "id" = 'published'`,
    );
    expect(
      (await refusal(`UPDATE "scheme_rule_sets" SET "status" = 'published' WHERE "id" = 'published'`)).message,
    ).toBe(message);
    await pool.query(`DELETE FROM "scheme_rule_sets" WHERE "id" = 'draft'`);
    const { rows } = await pool.query(`SELECT "id", "status", "definition" FROM "scheme_rule_sets"`);
    expect(rows).toEqual([{ id: "published", status: "retired", definition: "{}" }]);
  });

  it("grants: the decision is filled in, the request never changes, a grant never goes", async () => {
    await pool.query(
      `UPDATE "grants" SET "state" = 'granted', "granted_pence" = 900, "decision_reason" = 'ok', "decided_by" = 'user-2', "decided_at" = '${at}'`,
    );
    for (const change of [
      `"purpose" = 'other'`,
      `"asked_pence" = 1`,
      `"answer_by" = '2027-01-01'`,
      `"purpose" = "purpose"`,
    ]) {
      expect((await refusal(`UPDATE "grants" SET ${change}`)).message).toBe("a grant request never changes");
    }
    expect((await refusal(`DELETE FROM "grants"`)).message).toBe("grants are never removed");
    const [grant] = await db.select().from(schema.grants);
    expect(grant).toMatchObject({ purpose: "p", askedPence: 1000, state: "granted", grantedPence: 900 });
  });
});
