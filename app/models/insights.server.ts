import {
  actualKindOf,
  type ActualSpendRow,
  type BudgetRow,
  type GrantInsightRow,
  type VoucherInsightRow,
  type DecisionRow,
  type OutcomeChangeRow,
  type Period,
  type PersonStageRow,
  type PlannedItemRow,
} from "~/domain/insights";
import type { LearningRow } from "~/domain/learning-loop";
import type { JourneyFacts } from "~/domain/journey";
import type { ItemKind } from "~/domain/plan";
import type { PlanState } from "~/domain/workflow";
import { NEED_AREA_KEYS, type InformalSupport } from "~/domain/choices";
import { parseCalendarDate } from "~/domain/dates";
import { sql } from "drizzle-orm";
import { db, onPostgres, rowArrays, rows } from "~/lib/db.server";
import { insightsKeptAfterChangeMs } from "~/lib/config.server";

/**
 * The rows the insights are worked out from: a handful of set-based queries over the whole scope,
 * each using an index on its date or its parent, never one query per person. Rows carry no name, no
 * free text and no id that leaves this module's callers (person keys are only for counting people once).
 */

/** Whose figures: every team (commissioners), or the people whose lead professional is in one team. */
export type InsightsScope = { kind: "all" } | { kind: "team"; teamId: string };

interface Bounds {
  from: string;
  to: string;
  /** The first and last calendar day, for records dated by day (money moved, sessions held). */
  fromDay: string;
  toDay: string;
  teamId: string | null;
}

/** The period as ISO moments: from the first day's start to the start of the day after the last. */
function bounds(period: Period, scope: InsightsScope): Bounds {
  const after = parseCalendarDate(period.to)!;
  after.setUTCDate(after.getUTCDate() + 1);
  return {
    from: `${period.from}T00:00:00.000Z`,
    to: after.toISOString(),
    fromDay: period.from,
    toDay: period.to,
    teamId: scope.kind === "team" ? scope.teamId : null,
  };
}

/**
 * The few places the two engines' SQL differs, each a fragment of text (never a value: values are bound by
 * drizzle's `sql` on either engine). The embedded engine's text is as it was before PostgreSQL (`?` for
 * `@name`, aliases quoted), so its plans and covering indexes are unchanged
 * (docs/decisions/2026-12-02-insights-on-postgresql.md).
 */
const engine = {
  /** A bound team id compared with NULL: PostgreSQL must be told its type to accept a null parameter. */
  teamParam: (teamId: string | null) => (onPostgres() ? sql`CAST(${teamId} AS text)` : sql`${teamId}`),
  /**
   * The rows of a JSON array held as text, named `alias`. On PostgreSQL through `insights_array` (migration
   * 0002_insights_kept): no rows for JSON that is not an array, where jsonb_array_elements would fail the page.
   */
  elements: (json: string, alias: string) =>
    sql.raw(
      onPostgres() ? `jsonb_array_elements(insights_array(${json}::jsonb)) ${alias}` : `json_each(${json}) ${alias}`,
    ),
  /** The array under `key` of an object held as text, its elements as rows named `alias`. */
  elementsOf: (json: string, key: string, alias: string) =>
    sql.raw(
      onPostgres()
        ? `jsonb_array_elements(insights_array(${json}::jsonb -> '${key}')) ${alias}`
        : `json_each(${json}, '$.${key}') ${alias}`,
    ),
  /** A field of an element of `elements`, as text. */
  text: (alias: string, key: string) =>
    sql.raw(onPostgres() ? `(${alias} ->> '${key}')` : `${alias}.value ->> '$.${key}'`),
  /** A field of an element of `elements`, as a number (SQLite's ->> gives JSON numbers as numbers already). */
  number: (alias: string, key: string) =>
    sql.raw(onPostgres() ? `(${alias} ->> '${key}')::numeric` : `${alias}.value ->> '$.${key}'`),
  /** The boolean true as each engine keeps it (SQLite: 1). */
  true: () => sql.raw(onPostgres() ? "true" : "1"),
  /** A kept boolean as the summary's integer 0/1 (PostgreSQL keeps allocations.eligible as a boolean). */
  asInteger: (column: string) => sql.raw(onPostgres() ? `${column}::int` : column),
  /** SQLite's unary + keeps its planner off an index for that term; PostgreSQL has no + on text. */
  noIndex: (column: string) => sql.raw(onPostgres() ? column : `+${column}`),
  /** The texts of a group joined with commas, in no particular order. */
  joined: (column: string) => sql.raw(onPostgres() ? `string_agg(${column}, ',')` : `group_concat(${column}, ',')`),
  /**
   * Whole days from one ISO moment (text) to a later one in tenths, rounded as daysBetween rounds them
   * (app/domain/insights.ts: Math.round of milliseconds over 8,640,000, half up): the exact milliseconds
   * between them (SQLite's julianday is a double, exact to well under a millisecond over centuries), then
   * floor((ms + 4,320,000) / 8,640,000).
   */
  tenthsOfDays: (earlier: string, later: string) =>
    sql.raw(
      onPostgres()
        ? `floor((extract(epoch from (${later}::timestamptz - ${earlier}::timestamptz)) * 1000 + 4320000) / 8640000)::integer`
        : `CAST(floor((round((julianday(${later}) - julianday(${earlier})) * 86400000) + 4320000) / 8640000.0) AS INTEGER)`,
    ),
};

/** `person` (an SQL expression naming a person id) is in scope. One place for "which team a person is in". */
const inScope = (person: string, b: Bounds) => sql`(${engine.teamParam(b.teamId)} IS NULL OR ${sql.raw(person)} IN (
  SELECT ps.id FROM persons ps JOIN users lead ON lead.id = ps.lead_professional_id WHERE lead.team_id = ${b.teamId}))`;

/** The journey's facts as the summary keeps them (insights_person_facts, migration 0023). */
type StageFactsKept = [number, InformalSupport | null, PlanState | null, number, number, number, number];

/** The facts of one kept array. */
function stageFacts(kept: string): JourneyFacts {
  const [answered, informal, workflow, resources, filled, entries, arranged] = JSON.parse(kept) as StageFactsKept;
  return {
    assessment: { answered, complete: informal !== null && answered >= NEED_AREA_KEYS.length },
    resources,
    planSectionsFilled: filled,
    workflow,
    organising: { entries, arranged },
    reviewDone: false,
  };
}

/**
 * People with a recorded step in the period, with the facts their stage is worked out from: read from the
 * summary kept as events happen (insights_people) through its covering index on the last step. Only people
 * with steps after the period too have their last step in it looked up in the records (insights_steps),
 * through indexes on each person.
 */
export async function stageRows(period: Period, scope: InsightsScope): Promise<PersonStageRow[]> {
  const b = bounds(period, scope);
  // One row for each distinct set of facts, with the last steps of everyone who has it joined in one text:
  // a few dozen rows instead of one a person (issue 18, point 4).
  const found = await rowArrays<[string, string]>(
    sql`WITH steps AS (SELECT person_id, at FROM insights_steps),
       later AS (
         SELECT person_id, max(at) AS last_at FROM steps
         WHERE at < ${b.to} AND person_id IN (
           SELECT person_id FROM insights_people
           WHERE last_step_at >= ${b.to} AND first_step_at < ${b.to} AND ${inScope("person_id", b)})
         GROUP BY person_id
       ),
       active AS (
         SELECT last_step_at AS last_at, stage_facts AS kept FROM insights_people
         WHERE last_step_at >= ${b.from} AND last_step_at < ${b.to} AND ${inScope("person_id", b)}
         UNION ALL
         SELECT later.last_at, s.stage_facts FROM later JOIN insights_people s ON s.person_id = later.person_id
         WHERE later.last_at >= ${b.from}
       )
       SELECT kept AS "kept", ${engine.joined("last_at")} AS "lastStepsAt" FROM active GROUP BY kept`,
  );
  return found.map(([kept, lastStepsAt]) => ({ facts: stageFacts(kept), lastStepsAt: lastStepsAt.split(",") }));
}

/**
 * The items of each plan signed off in the period, as the signed-off version priced them (the frozen
 * snapshot, not later changes), and how many plans that is. Each plan counts once, at its newest sign-off.
 * Read from insights_decisions (the items kept from the snapshot as each decision is written).
 */
export async function plannedItemRows(
  period: Period,
  scope: InsightsScope,
): Promise<{ items: PlannedItemRow[]; plans: number }> {
  const b = bounds(period, scope);
  const signedOff = sql`
    WITH latest AS (
      SELECT person_id, items, row_number() OVER (PARTITION BY plan_id ORDER BY decided_at DESC) AS rank
      FROM insights_decisions
      WHERE decided_at >= ${b.from} AND decided_at < ${b.to} AND decision = 'signed-off' AND ${inScope("person_id", b)}
    )`;
  // One statement: the plans' count and their items from one reading of the decisions (each engine keeps a
  // common table expression read twice once).
  const found = await rows<{
    plans: number | null;
    personKey: string;
    kind: ItemKind;
    unitCostPence: number;
    unitsPerYear: number;
  }>(
    sql`${signedOff}
       SELECT count(*) AS "plans", NULL AS "personKey", NULL AS "kind", NULL AS "unitCostPence", NULL AS "unitsPerYear"
       FROM latest WHERE rank = 1
       UNION ALL
       SELECT NULL, latest.person_id, ${engine.text("it", "kind")},
         ${engine.number("it", "unitCostPence")}, ${engine.number("it", "unitsPerYear")}
       FROM latest, ${engine.elements("latest.items", "it")}
       WHERE latest.rank = 1`,
  );
  const counted = found.find((row) => row.plans !== null)!;
  return {
    items: found
      .filter((row) => row !== counted)
      .map(({ personKey, kind, unitCostPence, unitsPerYear }) => ({ personKey, kind, unitCostPence, unitsPerYear })),
    plans: counted.plans!,
  };
}

/** The lead professionals' decisions made in the period, with when the version they decided on was sent. */
export async function decisionRows(
  period: Period,
  scope: InsightsScope,
): Promise<{ decisions: DecisionRow[]; people: number; reconsiderations: number }> {
  const b = bounds(period, scope);
  const decided = sql`FROM insights_decisions
       WHERE decided_at >= ${b.from} AND decided_at < ${b.to} AND decision <> 'think-again' AND ${inScope("person_id", b)}`;
  // Counted by kind and days to the decision (a few hundred rows, not one a decision: issue 18, point 4).
  const [tenths, people, reconsiderations] = await Promise.all([
    rowArrays<[DecisionRow["decision"], number, number]>(
      sql`SELECT decision, ${engine.tenthsOfDays("submitted_at", "decided_at")} AS "tenths", count(*) AS "decisions"
       ${decided}
       GROUP BY decision, "tenths"`,
    ),
    rows<{ n: number }>(sql`SELECT count(DISTINCT person_id) AS "n" ${decided}`),
    rows<{ n: number }>(
      sql`SELECT count(*) AS "n" FROM plan_submissions
       WHERE reconsideration = ${engine.true()} AND submitted_at >= ${b.from} AND submitted_at < ${b.to}
         AND ${inScope("person_id", b)}`,
    ),
  ]);
  return {
    decisions: tenths.map(([decision, tenths, decisions]) => ({
      decision,
      daysToDecision: tenths / 10,
      decisions,
    })),
    people: people[0]!.n,
    reconsiderations: reconsiderations[0]!.n,
  };
}

/** Every outcome of a cycle reviewed in the period, rated at its start and again when reflecting. */
export async function outcomeChangeRows(period: Period, scope: InsightsScope): Promise<OutcomeChangeRow[]> {
  const b = bounds(period, scope);
  return rows<OutcomeChangeRow & { outcomeId: string }>(
    sql`SELECT DISTINCT p.person_id AS "personKey", ${engine.text("o", "id")} AS "outcomeId",
         ${engine.text("o", "lifeAreaId")} AS "lifeAreaId", ${engine.number("o", "now")} AS "atStart",
         ${engine.number("r", "now")} AS "atReview"
       FROM plan_reviews rv
         JOIN plans p ON p.id = rv.plan_id
         JOIN plan_sections so ON so.plan_id = p.id AND so.section = 'outcomes'
         JOIN plan_sections sr ON sr.plan_id = p.id AND sr.section = 'reflection',
         ${engine.elements("so.content", "o")}, ${engine.elementsOf("sr.content", "ratings", "r")}
       WHERE rv.held_at >= ${b.from} AND rv.held_at < ${b.to} AND ${engine.text("r", "outcomeId")} = ${engine.text("o", "id")}
         AND ${inScope("p.person_id", b)}`,
  );
}

/** The small grants asked for in the period, with where each stands now. */
export async function grantRows(period: Period, scope: InsightsScope): Promise<GrantInsightRow[]> {
  const b = bounds(period, scope);
  return rows<GrantInsightRow>(
    sql`SELECT person_id AS "personKey", state, granted_pence AS "grantedPence" FROM grants
       WHERE asked_at >= ${b.from} AND asked_at < ${b.to} AND ${inScope("person_id", b)}`,
  );
}

/** The treatment vouchers issued in the period, with the day of the first session claimed against each. */
export async function voucherRows(period: Period, scope: InsightsScope): Promise<VoucherInsightRow[]> {
  const b = bounds(period, scope);
  return rows<VoucherInsightRow>(
    sql`SELECT v.person_id AS "personKey", v.issued_at AS "issuedAt",
         (SELECT min(c.session_date) FROM voucher_claims c WHERE c.voucher_id = v.id) AS "firstSessionOn"
       FROM vouchers v WHERE v.issued_at >= ${b.from} AND v.issued_at < ${b.to} AND ${inScope("v.person_id", b)}`,
  );
}

/**
 * Money actually spent in the period (days both included), per person, kind and sector: ledger spending
 * less corrections of it (each entry keeps its item's menu kind and who was paid), treatment voucher
 * claims (controlled treatments, statutory as planned spend counts them) and spending from small grants
 * (community). Each part reads its rows through an index on its date.
 */
export async function actualSpendRows(period: Period, scope: InsightsScope): Promise<ActualSpendRow[]> {
  const b = bounds(period, scope);
  const found = await rows<{
    source: "ledger" | "voucher" | "grant";
    personKey: string;
    menuKind: string | null;
    sector: "community" | "statutory" | null;
    pence: number;
  }>(
    sql`SELECT 'ledger' AS "source", person_id AS "personKey", menu_kind AS "menuKind", sector,
         sum(CASE WHEN kind = 'spent' THEN amount_pence ELSE -amount_pence END) AS "pence"
       FROM ledger_entries
       WHERE kind IN ('spent', 'reversal') AND entry_date >= ${b.fromDay} AND entry_date <= ${b.toDay}
         AND (kind = 'spent' OR reversed_kind = 'spent') AND ${inScope("person_id", b)}
       GROUP BY person_id, menu_kind, sector
       UNION ALL
       SELECT 'voucher', person_id, 'controlled-treatment', 'statutory', sum(amount_pence) FROM voucher_claims
       WHERE session_date >= ${b.fromDay} AND session_date <= ${b.toDay} AND ${inScope("person_id", b)}
       GROUP BY person_id
       UNION ALL
       SELECT 'grant', person_id, 'small-grant', 'community', sum(amount_pence) FROM grant_spending
       WHERE spent_on >= ${b.fromDay} AND spent_on <= ${b.toDay} AND ${inScope("person_id", b)}
       GROUP BY person_id`,
  );
  return found.map((r) => ({
    personKey: r.personKey,
    kind:
      r.source === "ledger" ? actualKindOf(r.menuKind) : r.source === "grant" ? "small-grant" : "controlled-treatment",
    // A statement line with no sector said is community, as the ledger's own default.
    sector: r.sector ?? "community",
    pence: r.pence,
  }));
}

/**
 * Each person's budget worked out in the period: the newest of their newest cycle, an agreed one before
 * their own. With it, for the learning loop (eligible people only): a year of the items of their newest
 * plan's newest sign-off up to the end of the period, and what was spent against that plan up to then.
 * One reading, so the budgets and the learning loop count the same people.
 *
 * Read from the summary (`insights_people`) through its index on when the budget was worked out. Only
 * where the period ends before something the summary holds (a newer budget, sign-off or payment) are the
 * records themselves asked, for that person, through indexes on the person or plan.
 *
 * `reviewedOnly`: only the people with a review of a plan held in the period (through plan_reviews_held_idx).
 */
function budgetsInPeriod(b: Bounds, reviewedOnly: boolean) {
  const reviewed = (person: string) =>
    reviewedOnly
      ? sql`AND ${sql.raw(person)} IN (SELECT p.person_id FROM plan_reviews rv JOIN plans p ON p.id = rv.plan_id
           WHERE rv.held_at >= ${b.from} AND rv.held_at < ${b.to})`
      : sql``;
  return sql`WITH chosen AS (
         SELECT person_id, rule_set_id, eligible, points, nhs_pence, council_pence, total_pence, plan_id,
           has_free_support, signed_off_at, planned_pence, spent_pence, spent_until
         FROM insights_people
         WHERE allocation_at >= ${b.from} AND allocation_at < ${b.to} AND ${inScope("person_id", b)} ${reviewed("person_id")}
         UNION ALL
         -- Their newest budget is outside the period but another was worked out in it: the newest in it.
         SELECT s.person_id, al.rule_set_id, ${engine.asInteger("al.eligible")}, al.points, al.nhs_pence,
           al.council_pence, al.total_pence, s.plan_id, s.has_free_support, s.signed_off_at, s.planned_pence,
           s.spent_pence, s.spent_until
         FROM insights_people s JOIN allocations al ON al.id = (
           SELECT a.id FROM allocations a JOIN assessments asm ON asm.id = a.assessment_id
           WHERE a.person_id = s.person_id AND a.created_at >= ${b.from} AND a.created_at < ${b.to}
           ORDER BY asm.cycle DESC, a.basis = 'agreed' DESC, a.created_at DESC LIMIT 1)
         WHERE (s.allocation_at < ${b.from} OR s.allocation_at >= ${b.to}) AND s.allocations_to >= ${b.from}
           AND s.allocations_from < ${b.to} AND ${inScope("s.person_id", b)} ${reviewed("s.person_id")}
       ),
       signed AS (
         SELECT chosen.*, CASE WHEN eligible <> 1 THEN NULL
           WHEN signed_off_at IS NULL OR signed_off_at < ${b.to} THEN planned_pence
           -- Signed off again after the period: the newest sign-off before its end.
           ELSE (SELECT planned_pence FROM insights_signoffs WHERE decision_id = (
             SELECT d.id FROM plan_decisions d
             WHERE d.plan_id = chosen.plan_id AND d.decision = 'signed-off' AND d.decided_at < ${b.to}
             ORDER BY d.decided_at DESC LIMIT 1)) END AS planned
         FROM chosen
       ),
       budgets AS (
         -- What the budgets table does not show of the learning loop is left out for people below the threshold.
         SELECT person_id, rule_set_id, eligible, CASE WHEN eligible = 1 THEN points END AS points, nhs_pence,
           council_pence, total_pence, has_free_support, planned,
           CASE WHEN planned IS NULL THEN NULL
             WHEN spent_until IS NULL OR spent_until <= ${b.toDay} THEN coalesce(spent_pence, 0)
             -- Spent after the period too: one plan's entries up to its end, through ledger_plan_idx (on SQLite
             -- the unary + keeps the planner off the kind-and-date index).
             ELSE coalesce((
               SELECT sum(CASE WHEN kind = 'spent' THEN amount_pence ELSE -amount_pence END) FROM ledger_entries
               WHERE plan_id = signed.plan_id AND ${engine.noIndex("entry_date")} <= ${b.toDay}
                 AND (${engine.noIndex("kind")} = 'spent' OR (${engine.noIndex("kind")} = 'reversal' AND reversed_kind = 'spent'))), 0) END
             AS actual
         FROM signed
       )`;
}

/** A budget's figures as handed over: rule set, eligible (1/0), points, NHS, council, total, free help (1/0), planned, actual. */
type BudgetFiguresKept = [string, number, number | null, number, number, number, number, number | null, number | null];

/**
 * The budgets and, for eligible people, the rows of the learning loop (budgetsInPeriod). People with the very
 * same figures come as one row with their number (issue 18, point 4: about a hundred rows at 100,000 people,
 * not one a person), read in one pass without asking who was reviewed. People reviewed in the period (a few
 * thousand, read apart through the reviews' index) need their own row and key, for their change in outcomes
 * (outcomeChangeRows): each is taken out of the count of the row with their figures.
 */
export async function budgetAndLearningRows(
  period: Period,
  scope: InsightsScope,
): Promise<{ budgets: BudgetRow[]; learning: Omit<LearningRow, "outcomeChange">[] }> {
  const b = bounds(period, scope);
  const figures = sql.raw(
    "rule_set_id, eligible, points, nhs_pence, council_pence, total_pence, has_free_support, planned, actual",
  );
  const [counted, reviewed] = await Promise.all([
    rowArrays<[...BudgetFiguresKept, number]>(
      sql`${budgetsInPeriod(b, false)}
       SELECT ${figures}, count(*) AS "people" FROM budgets GROUP BY ${figures}`,
    ),
    rowArrays<[string, ...BudgetFiguresKept]>(
      sql`${budgetsInPeriod(b, true)}
       SELECT person_id, ${figures} FROM budgets WHERE eligible = 1`,
    ),
  ]);
  const groups = new Map(counted.map((row) => [JSON.stringify(row.slice(0, -1)), row]));
  // The grouped reading decides who is counted. On PostgreSQL the two readings are two statements: a budget
  // worked out between them can leave a reviewed person without their group: they stay counted as the grouped
  // reading found them, without their change in outcomes, rather than twice.
  const own = reviewed.filter(([, ...kept]) => {
    const group = groups.get(JSON.stringify(kept));
    if (!group || group[9] === 0) return false;
    group[9]--;
    return true;
  });
  const rowsOf = [
    ...[...groups.values()].map((row) => ({
      personKey: null,
      kept: row.slice(0, -1) as BudgetFiguresKept,
      people: row[9],
    })),
    ...own.map(([personKey, ...kept]) => ({ personKey, kept, people: 1 })),
  ].filter((row) => row.people > 0);
  return {
    budgets: rowsOf.map(
      ({ kept: [ruleSetId, eligible, , nhsPence, councilPence, totalPence, hasFreeSupport], people }) => ({
        ruleSetId,
        eligible: eligible === 1,
        nhsPence,
        councilPence,
        totalPence,
        hasFreeSupport: hasFreeSupport === 1,
        people,
      }),
    ),
    learning: rowsOf
      .filter(({ kept }) => kept[1] === 1)
      .map(({ personKey, kept: [ruleSetId, , points, , , totalPence, , plannedPence, actualPence], people }) => ({
        personKey,
        ruleSetId,
        points: points!,
        budgetPence: totalPence,
        plannedPence,
        actualPence,
        people,
      })),
  };
}

// ---------------------------------------------------------------- the rows of a report, kept until records change

/**
 * The tables the rows above are read from, the views' own tables included (insights_steps and
 * insights_signoffs read answers, budgets, plan saves, submissions, decisions and reviews). A write to any of
 * them raises the count in insights_version, by a trigger each (db/migrations/0025_insights_version.sql,
 * db/migrations-pg/0004_insights_version.sql); tests/unit/insights-engines.test.ts checks that this list, the
 * tables the queries name and the triggers agree. A table the insights start to read joins all three.
 */
export const INSIGHTS_SOURCES = [
  "allocations",
  "assessment_answers",
  "assessments",
  "grant_spending",
  "grants",
  "insights_decisions",
  "insights_people",
  "ledger_entries",
  "persons",
  "plan_decisions",
  "plan_reviews",
  "plan_sections",
  "plan_submissions",
  "plans",
  "users",
  "voucher_claims",
  "vouchers",
] as const;

/** Every row one report is worked out from, read in one go. */
async function workOutInsightsRows(period: Period, scope: InsightsScope) {
  const [spend, signOff, budgetsAndLearning, outcomes, stages, actual, grants, vouchers] = await Promise.all([
    plannedItemRows(period, scope),
    decisionRows(period, scope),
    budgetAndLearningRows(period, scope),
    outcomeChangeRows(period, scope),
    stageRows(period, scope),
    actualSpendRows(period, scope),
    grantRows(period, scope),
    voucherRows(period, scope),
  ]);
  return { spend, signOff, ...budgetsAndLearning, outcomes, stages, actual, grants, vouchers };
}
export type InsightsRows = Awaited<ReturnType<typeof workOutInsightsRows>>;

/** How many times the insights' records have changed: 0 before the first change. */
async function insightsSourceChanges(): Promise<number> {
  const [found] = await rowArrays<[number | string]>(sql`SELECT changes FROM insights_version WHERE id = 'sources'`);
  return Number(found?.[0] ?? 0);
}

/** Reports kept a database handle (a reopened or other database starts with none), up to this many periods. */
const KEPT_REPORTS = 16;
type KeptReport = { changes: number; workedOutAt: Date; rows: Promise<InsightsRows> };
const keptReports = new WeakMap<object, Map<string, KeptReport>>();

/** A report's rows and the moment they were worked out from the records. */
export interface InsightsRowsAt {
  rows: InsightsRows;
  workedOutAt: Date;
}

/**
 * The rows of one scope and period's report. Working them out reads every budget, decision and step of the
 * period (at 100,000 people about 0.7 s of CPU, all of it holding the embedded engine), so a server keeps
 * them: for as long as the count of changes to their records is the one it read first, and after a change
 * for `keptAfterChange` from when they were worked out (the page says when). So a scheme whose records
 * change every few seconds works each report out at most once in that time, and requests for the same
 * report at once share one working out. The count is read before the rows, so kept rows are never older
 * than the count they are kept under; a change made by another server is seen as soon as it commits
 * (issue 18, point 4; docs/decisions/2026-12-02-insights-kept-until-records-change.md and
 * 2026-12-03-insights-at-most-five-minutes-old.md). `fresh` works them out regardless (the bench).
 */
export async function insightsRows(
  period: Period,
  scope: InsightsScope,
  {
    fresh = false,
    now = new Date(),
    keptAfterChange = insightsKeptAfterChangeMs(),
  }: { fresh?: boolean; now?: Date; keptAfterChange?: number } = {},
): Promise<InsightsRowsAt> {
  const handle = db();
  const changes = await insightsSourceChanges();
  let reports = keptReports.get(handle);
  if (!reports) keptReports.set(handle, (reports = new Map()));
  const key = JSON.stringify([period.from, period.to, scope.kind === "team" ? scope.teamId : null]);
  const kept = reports.get(key);
  const stillTrue = kept && (kept.changes === changes || now.getTime() - kept.workedOutAt.getTime() < keptAfterChange);
  if (kept && stillTrue && !fresh) return { rows: await kept.rows, workedOutAt: kept.workedOutAt };
  const rows = workOutInsightsRows(period, scope);
  const report = { changes, workedOutAt: now, rows };
  reports.delete(key);
  reports.set(key, report);
  if (reports.size > KEPT_REPORTS) reports.delete(reports.keys().next().value!);
  // A failed working out is not kept: the next request tries again.
  rows.catch(() => reports.get(key) === report && reports.delete(key));
  return { rows: await rows, workedOutAt: now };
}
