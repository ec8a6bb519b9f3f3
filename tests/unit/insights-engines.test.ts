// The insights on PostgreSQL are the insights on SQLite (issue #16 with #18): the same records, written
// once into a temporary SQLite data folder and once into a throwaway PostgreSQL server, give the same
// summary rows (kept by each engine's triggers) and the same figures, through the portal's own models and
// views. The records are the insights generator's (scripts/insights-people.ts, as the integration test and
// the benchmark write them), then changed and removed as the portal does, so every kind of trigger fires.
import { readFileSync } from "node:fs";
import { sql, type SQL } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type { Period } from "~/domain/insights";
import { addPeople, addTeam, type GeneratedPerson, type SqlWriter } from "../../scripts/insights-people";
import { STAGES } from "~/domain/journey";
import { onBothEngines, type Engine } from "../support/both-engines";

const day = (n: number) => new Date(Date.parse("2025-01-01T00:00:00.000Z") + n * 86_400_000).toISOString();
const NOW = new Date("2025-07-01T00:00:00.000Z");

/** 70 people, ten at each stage, with budgets, sign-offs, decisions, reviews, grants, vouchers and spending. */
function people(): GeneratedPerson[] {
  return Array.from({ length: 70 }, (_, n) => {
    const stage = STAGES[n % STAGES.length]!;
    const i = Math.floor(n / STAGES.length);
    const p: GeneratedPerson = { stage, startedAt: day(5 + (n % 30)), lastStepAt: day(60 + ((n * 11) % 140)) };
    p.budget = {
      ruleSetId: n % 3 === 0 ? "example-2026-1" : "example-bands-2026-1",
      eligible: n % 5 !== 0,
      nhsPence: 100_000 + n * 4_000,
      councilPence: 40_000 + n * 2_500,
      at: day(30 + n),
      selfFirst: n % 4 === 0,
      points: n % 17,
    };
    if (n % 6 === 0) p.freeSupport = true;
    if (stage === "organising-support" || stage === "using-support")
      p.signedOff = {
        submittedAt: day(40 + i),
        // Some signed off after the period asked for below (the "later" branches of the queries).
        at: day(45 + i * 17),
        items: [
          { kind: "citizen-led", unitCostPence: 2_500 + i * 150, unitsPerYear: 52 },
          ...(i % 2 === 0 ? [{ kind: "controlled-treatment", unitCostPence: 6_500, unitsPerYear: 12 }] : []),
          ...(i % 3 === 0 ? [{ kind: "absolute-exclusion", unitCostPence: 1_000, unitsPerYear: 4 }] : []),
          ...(i === 1 ? [{ kind: "co-designed", unitCostPence: 900, unitsPerYear: 10 }] : []),
        ],
      };
    if (stage === "agreeing-support")
      p.decisions = [{ decision: "changes-requested", submittedAt: day(50 + i), decidedAt: day(52 + i * 4) }];
    if (stage === "reflecting") {
      p.decisions = [{ decision: "referred-to-panel", submittedAt: day(55), decidedAt: day(60 + i * 9) }];
      p.reconsiderations = [day(70 + i * 9)];
    }
    if (stage === "using-support" || stage === "organising-support")
      p.spending = [
        { on: day(90 + i * 8).slice(0, 10), pence: 4_000 + i * 300, menuKind: "citizen-led", sector: "community" },
        ...(i % 2 === 0
          ? [
              {
                on: day(95 + i * 9).slice(0, 10),
                pence: 6_500,
                menuKind: "controlled-treatment",
                sector: "statutory" as const,
              },
            ]
          : []),
        ...(i % 3 === 1
          ? [
              {
                on: day(100 + i).slice(0, 10),
                pence: 1_234,
                menuKind: "contingency",
                sector: "community" as const,
                reversedOn: day(104 + i * 5).slice(0, 10),
              },
            ]
          : []),
        ...(i === 2 ? [{ on: day(120).slice(0, 10), pence: 777, menuKind: null, sector: "statutory" as const }] : []),
      ];
    if (stage === "using-support" || stage === "reflecting")
      p.review = {
        at: day(80 + i * 6),
        outcomes: [
          { lifeAreaId: "home", atStart: 2 + (i % 3), atReview: 4 + (i % 5) },
          { lifeAreaId: "people", atStart: 5, atReview: 3 + i },
          ...(i % 2 === 0 ? [{ lifeAreaId: "health", atStart: 1, atReview: 7 }] : []),
        ],
      };
    if (n % 5 === 0)
      p.grants = [
        {
          at: day(70 + n),
          state: n % 10 === 0 ? "granted" : "declined",
          askedPence: 20_000 + n * 10,
          ...(n % 10 === 0
            ? { grantedPence: 15_000, spent: [{ on: day(80 + n).slice(0, 10), pence: 3_000 + n }] }
            : {}),
        },
      ];
    if (n % 4 === 1)
      p.vouchers = [
        { issuedAt: day(40 + n), ...(n % 8 === 1 ? { firstSessionOn: day(45 + n + i).slice(0, 10) } : {}) },
      ];
    return p;
  });
}

/** Three small teams' worth of the same people: one is asked for on its own. */
const TEAMS = [people().slice(0, 30), people().slice(30, 55), people().slice(55)];

/** The periods asked for: the half year, a spring that ends before many later steps, and one day. */
const PERIODS: Period[] = [
  { from: "2025-01-01", to: "2025-06-30" },
  { from: "2025-02-15", to: "2025-04-10" },
  { from: "2025-03-01", to: "2025-03-01" },
];

// Plan parts the generator does not write, each a case of "holds something" (filledSections): a crisis
// plan with nothing in it, one with only a contact, JSON null, decisions with nothing, with "if unwell"
// present but null (still something, as on SQLite), and risks.
const PARTS: [number, string, string][] = [
  [16, "crisis", '{"earlySigns":"","whatHelps":"","doNotWant":"","preferredPlace":"","contacts":[]}'],
  [17, "crisis", '{"earlySigns":"","contacts":[{"name":"A friend"}]}'],
  [18, "crisis", "null"],
  [19, "decisions", '{"whoDecidesWhat":"","management":null}'],
  [20, "decisions", '{"whoDecidesWhat":"","ifUnwell":null}'],
  [21, "risks", '[{"what":"generated"}]'],
  [22, "decisions", '{"whoDecidesWhat":"Me"}'],
];

/**
 * Writes through the generator's own writer, onto whichever engine this process
 * runs: each statement's `?` become values bound by drizzle, run in order once the generator is done.
 */
function recorder() {
  const statements: SQL[] = [];
  // The generator's statements with their values bound by drizzle, to run on either engine.
  const bound = (text: string, values: unknown[]) => {
    const parts = text.split("?");
    return sql.join([sql.raw(parts[0]!), ...values.flatMap((value, i) => [sql`${value}`, sql.raw(parts[i + 1]!)])]);
  };
  const handle: SqlWriter = {
    run: async (text, ...values) => {
      statements.push(bound(text, values));
      return 1;
    },
    transaction: async (work) => await work(),
  };
  return { handle, statements };
}

/** What one engine makes of the records: its summary rows (ids left out) and every figure asked for. */
async function onEngine(engine: Engine) {
  vi.resetModules();
  if (engine.DATABASE_URL) process.env.DATABASE_URL = engine.DATABASE_URL;
  else delete process.env.DATABASE_URL;
  process.env.DATA_DIR = engine.DATA_DIR;
  const { closeDatabase, databaseReady, db, onPostgres, rows, transaction } = await import("~/lib/db.server");
  const { insightsReport } = await import("~/views/insights-view.server");
  const { insightsRows, INSIGHTS_SOURCES } = await import("~/models/insights.server");
  await databaseReady();
  expect(onPostgres()).toBe(engine.DATABASE_URL !== undefined);
  const write = async (statement: SQL) => {
    const handle = db() as unknown as { run?: (q: SQL) => unknown; execute?: (q: SQL) => Promise<unknown> };
    await (onPostgres() ? handle.execute!(statement) : handle.run!(statement));
  };

  const { handle, statements } = recorder();
  const teamIds: string[] = [];
  for (const [t, team] of TEAMS.entries()) {
    const made = await addTeam(handle, {
      name: `Generated team ${t}`,
      adminEmail: `generated-admin-${t}@example.invalid`,
      passwordHash: "not-a-password",
      totpSecret: null,
    });
    await addPeople(handle, made.leadId, team);
    teamIds.push(made.teamId);
  }
  await transaction(async () => {
    for (const statement of statements) await write(statement);
  });
  await transaction(async () => {
    for (const [startedOn, section, content] of PARTS)
      await write(sql`INSERT INTO plan_sections (plan_id, section, version, content, saved_by, on_behalf_of, saved_at)
        SELECT pl.id, ${section}, 1, ${content}, ps.user_id, ps.id, ${day(150)}
        FROM plans pl JOIN persons ps ON ps.id = pl.person_id WHERE pl.created_at = ${day(startedOn)}`);
  });
  // Records change and go as the portal changes them (the update and delete triggers): a plan part emptied
  // and one removed, a plan moved on, an assessment's informal support taken back, an answer and a review gone.
  await transaction(async () => {
    await write(sql`DELETE FROM plan_sections WHERE section = 'organising'
      AND plan_id IN (SELECT id FROM plans WHERE created_at = ${day(12)})`);
    await write(sql`UPDATE assessments SET informal = NULL WHERE created_at = ${day(23)}`);
    await write(sql`UPDATE plan_sections SET content = '[]' WHERE section = 'freeSupport'
      AND plan_id IN (SELECT id FROM plans WHERE created_at < ${day(15)})`);
    await write(sql`UPDATE plans SET state = 'in-review' WHERE state = 'signed-off' AND created_at >= ${day(25)}`);
    await write(sql`DELETE FROM assessment_answers WHERE need_area = 'home' AND answered_at < ${day(12)}`);
    await write(sql`DELETE FROM plan_reviews WHERE held_at >= ${day(100)}`);
  });

  // Ids are made afresh on each engine: left out, and the rows in the order of what they hold.
  const summary = (await rows<Record<string, unknown>>(sql`SELECT * FROM insights_people`))
    .map(({ person_id: _p, plan_id: _plan, allocation_id: _a, stage_facts, ...kept }) => ({
      ...kept,
      stage_facts: JSON.parse(stage_facts as string) as unknown,
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const recomputed = await rows<{ n: number }>(
    sql`SELECT count(*) AS "n" FROM insights_person_facts f JOIN insights_people s ON s.person_id = f.person_id
        WHERE s.stage_facts = f.stage_facts AND s.last_step_at = f.last_step_at
          AND s.allocation_id IS NOT DISTINCT FROM f.allocation_id AND s.planned_pence IS NOT DISTINCT FROM f.planned_pence
          AND s.spent_pence IS NOT DISTINCT FROM f.spent_pence`,
  );
  const written = await rows<{ n: number }>(
    sql`SELECT count(*) AS "n" FROM plan_sections WHERE section IN ('crisis', 'decisions', 'risks')`,
  );
  const reports = [];
  for (const period of PERIODS) {
    reports.push(await insightsReport(period, { kind: "all" }, NOW));
    reports.push(await insightsReport(period, { kind: "team", teamId: teamIds[1]! }, NOW));
  }

  // A report's rows are kept while none of their records changes, and worked out again after any change:
  // here one plan's state written again as it was, and one plan part saved again (with no time kept
  // after a change, as in test mode).
  const kept = { unchanged: false, afterPlan: false, afterPlanPart: false, sameFigures: false };
  const again = async () => (await insightsRows(PERIODS[0]!, { kind: "all" }, { keptAfterChange: 0 })).rows;
  const first = await again();
  kept.unchanged = (await again()) === first;
  await transaction(() => write(sql`UPDATE plans SET state = state WHERE id = (SELECT min(id) FROM plans)`));
  const second = await again();
  kept.afterPlan = second !== first && (await again()) === second;
  await transaction(() =>
    write(sql`UPDATE plan_sections SET saved_at = saved_at WHERE plan_id = (SELECT min(plan_id) FROM plan_sections)`),
  );
  kept.afterPlanPart = (await again()) !== second;
  // The same figures (worked out at another moment).
  const { workedOutAt: _now, ...figuresNow } = await insightsReport(PERIODS[0]!, { kind: "all" }, NOW);
  const { workedOutAt: _then, ...figuresThen } = reports[0]!;
  kept.sameFigures = JSON.stringify(figuresNow) === JSON.stringify(figuresThen);

  // As a server keeps them: after a change, the rows already worked out for up to five minutes from when
  // they were worked out, then afresh; and while nothing changes, for as long as that lasts.
  const minute = 60_000;
  const t0 = Date.parse("2026-12-03T09:00:00.000Z");
  const at = (minutes: number) =>
    insightsRows(PERIODS[1]!, { kind: "all" }, { now: new Date(t0 + minutes * minute), keptAfterChange: 5 * minute });
  const fiveMinutes = { workedOut: "", afterChangeAt4: "", afterChangeAt6: "", unchangedAt30: "", sameRowsAt4: false };
  const start = await at(0);
  fiveMinutes.workedOut = start.workedOutAt.toISOString();
  await transaction(() => write(sql`UPDATE plans SET state = state WHERE id = (SELECT min(id) FROM plans)`));
  const at4 = await at(4);
  fiveMinutes.afterChangeAt4 = at4.workedOutAt.toISOString();
  fiveMinutes.sameRowsAt4 = at4.rows === start.rows;
  fiveMinutes.afterChangeAt6 = (await at(6)).workedOutAt.toISOString();
  fiveMinutes.unchangedAt30 = (await at(30)).workedOutAt.toISOString();

  // Which tables raise the count of changes, and on which writes.
  const counting = onPostgres()
    ? await rows<{ found: string }>(sql`SELECT c.relname || '.' || e.event AS "found"
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc f ON f.oid = t.tgfoid
        CROSS JOIN (VALUES (4, 'INSERT'), (8, 'DELETE'), (16, 'UPDATE')) e (bit, event)
        WHERE f.proname = 'insights_count_change' AND t.tgtype & e.bit <> 0`)
    : await rows<{ found: string }>(sql`SELECT tbl_name || '.' || CASE WHEN sql LIKE '%AFTER INSERT%' THEN 'INSERT'
        WHEN sql LIKE '%AFTER DELETE%' THEN 'DELETE' ELSE 'UPDATE' END AS "found"
        FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%insights_version%'`);
  // The views the insights read, with their SQL (SQLite's, to find the tables they read).
  const views = onPostgres()
    ? []
    : await rows<{ name: string; sql: string }>(sql`SELECT name, sql FROM sqlite_master WHERE type = 'view'`);
  const tables = await rows<{ name: string }>(
    onPostgres()
      ? sql`SELECT table_name AS "name" FROM information_schema.tables WHERE table_schema = 'public'
          AND table_type = 'BASE TABLE'`
      : sql`SELECT name FROM sqlite_master WHERE type = 'table'`,
  );
  await closeDatabase();
  return {
    summary,
    upToDate: recomputed[0]!.n,
    reports,
    partsWritten: written[0]!.n,
    kept,
    fiveMinutes,
    counting: counting.map((r) => r.found).sort(),
    views,
    tables: tables.map((t) => t.name),
    sources: [...INSIGHTS_SOURCES],
  };
}

const both = onBothEngines("insights-engines-", onEngine);

describe("the insights on PostgreSQL and on SQLite, from the same records", () => {
  it("keep the same summary of every person (insights_people, by each engine's triggers)", () => {
    expect(both.sqlite.summary).toHaveLength(70);
    expect(both.postgres.summary).toEqual(both.sqlite.summary);
  });

  it("keep the summary equal to the records it is worked out from, on both", () => {
    expect(both.sqlite.upToDate).toBe(70);
    expect(both.postgres.upToDate).toBe(70);
  });

  it("give every figure the same, for everyone and for one team, over each period", () => {
    expect(both.postgres.reports).toEqual(both.sqlite.reports);
  });

  it("are about something: people at each stage, budgets, planned and actual spend, decisions, outcomes", () => {
    expect(both.sqlite.partsWritten).toBeGreaterThanOrEqual(PARTS.length);
    const [all] = both.sqlite.reports;
    const text = JSON.stringify(all);
    // Shown figures, not only withheld ones, so equal reports are not equal only in withholding everything.
    expect(text.match(/"shown":true/g)!.length).toBeGreaterThan(50);
    for (const part of [
      "stages",
      "budgets",
      "spend",
      "actual",
      "learning",
      "signOff",
      "grants",
      "vouchers",
      "outcomes",
    ])
      expect(all, part).toHaveProperty(part);
  });
});

describe("a report kept until its records change", () => {
  it("is worked out once while nothing changes, and again after any change to its records, on both engines", () => {
    const expected = { unchanged: true, afterPlan: true, afterPlanPart: true, sameFigures: true };
    expect(both.sqlite.kept).toEqual(expected);
    expect(both.postgres.kept).toEqual(expected);
  });

  it("after a change, goes on showing the rows worked out for five minutes from when they were, then works them out again", () => {
    const expected = {
      workedOut: "2026-12-03T09:00:00.000Z",
      afterChangeAt4: "2026-12-03T09:00:00.000Z",
      sameRowsAt4: true,
      afterChangeAt6: "2026-12-03T09:06:00.000Z",
      unchangedAt30: "2026-12-03T09:06:00.000Z",
    };
    expect(both.sqlite.fiveMinutes).toEqual(expected);
    expect(both.postgres.fiveMinutes).toEqual(expected);
  });

  it("counts the changes of every table the insights read (INSIGHTS_SOURCES), on every kind of write, on both", () => {
    const expected = both.sqlite.sources.flatMap((table) => ["DELETE", "INSERT", "UPDATE"].map((e) => `${table}.${e}`));
    expect(both.sqlite.counting).toEqual(expected.sort());
    expect(both.postgres.counting).toEqual(expected);
  });

  it("INSIGHTS_SOURCES names every table the insights' queries read, through the views they read too", () => {
    // The names after FROM and JOIN in the model's SQL, a view replaced by the names in its own SQL.
    const named = (text: string) => [...text.matchAll(/\b(?:FROM|JOIN)\s+`?(\w+)`?/gi)].map((m) => m[1]!);
    const views = new Map(both.sqlite.views.map((v) => [v.name, v.sql]));
    const read = new Set<string>();
    const visit = (name: string) => {
      if (views.has(name)) for (const inner of named(views.get(name)!)) visit(inner);
      else if (both.sqlite.tables.includes(name)) read.add(name);
    };
    for (const name of named(readFileSync("app/models/insights.server.ts", "utf8")))
      if (name !== "insights_version") visit(name); // the count itself
    expect(read.size).toBeGreaterThan(10);
    expect([...read].sort()).toEqual([...both.sqlite.sources].sort());
    // The same tables on PostgreSQL.
    for (const table of both.sqlite.sources) expect(both.postgres.tables).toContain(table);
  });
});

describe("PostgreSQL's twins of the summary's triggers", () => {
  it("has each SQLite insights trigger (migration 0023) under the same name, on the same table and event", async () => {
    const sqliteTriggers = [
      ...readFileSync("db/migrations/0023_insights_summary.sql", "utf8").matchAll(
        /CREATE TRIGGER `(\w+)` AFTER (INSERT|UPDATE|DELETE) ON `(\w+)`/g,
      ),
    ].map(([, name, event, table]) => `${table}.${name}.${event}`);
    expect(sqliteTriggers.length).toBe(20);
    const pg = await import("pg");
    const client = new pg.default.Client({ connectionString: both.postgresUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ found: string }>(
        `SELECT c.relname || '.' || t.tgname || '.' || CASE WHEN t.tgtype & 4 <> 0 THEN 'INSERT'
           WHEN t.tgtype & 8 <> 0 THEN 'DELETE' ELSE 'UPDATE' END AS found
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE 'insights%' AND t.tgtype & 1 = 1`,
      );
      expect(rows.map((r) => r.found).sort()).toEqual(sqliteTriggers.sort());
    } finally {
      await client.end();
    }
  });
});
