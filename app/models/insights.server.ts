import {
  actualKindOf,
  type ActualSpendRow,
  type BudgetRow,
  type GrantInsightRow,
  type VoucherInsightRow,
  type DecisionKind,
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
import { NEED_AREA_KEYS, type InformalSupport } from "~/domain/rule-set";
import { parseCalendarDate } from "~/domain/dates";
import { db } from "~/lib/db.server";

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

/** `person` (an SQL expression naming a person id) is in scope. One place for "which team a person is in". */
const inScope = (person: string) => `(@teamId IS NULL OR ${person} IN (
  SELECT ps.id FROM persons ps JOIN users lead ON lead.id = ps.lead_professional_id WHERE lead.team_id = @teamId))`;

/** The journey's facts as the summary keeps them (insights_person_facts, migration 0023). */
type StageFactsKept = [number, InformalSupport | null, PlanState | null, number, number, number, number];

/** The facts of one kept array: few distinct arrays, so each is read once per request. */
function stageFacts(kept: string, cache: Map<string, JourneyFacts>): JourneyFacts {
  let facts = cache.get(kept);
  if (!facts) {
    const [answered, informal, workflow, resources, filled, entries, arranged] = JSON.parse(kept) as StageFactsKept;
    facts = {
      assessment: { answered, complete: informal !== null && answered >= NEED_AREA_KEYS.length },
      resources,
      planSectionsFilled: filled,
      workflow,
      organising: { entries, arranged },
      reviewDone: false,
    };
    cache.set(kept, facts);
  }
  return facts;
}

/**
 * People with a recorded step in the period, with the facts their stage is worked out from: read from the
 * summary kept as events happen (insights_people) through its covering index on the last step. Only people
 * with steps after the period too have their last step in it looked up in the records (insights_steps),
 * through indexes on each person.
 */
export async function stageRows(period: Period, scope: InsightsScope): Promise<PersonStageRow[]> {
  const rows = db()
    .$client.prepare(
      `WITH steps AS (SELECT person_id, at FROM insights_steps),
       later AS (
         SELECT person_id, max(at) AS last_at FROM steps
         WHERE at < @to AND person_id IN (
           SELECT person_id FROM insights_people
           WHERE last_step_at >= @to AND first_step_at < @to AND ${inScope("person_id")})
         GROUP BY person_id
       )
       SELECT last_step_at, stage_facts FROM insights_people
       WHERE last_step_at >= @from AND last_step_at < @to AND ${inScope("person_id")}
       UNION ALL
       SELECT later.last_at, s.stage_facts FROM later JOIN insights_people s ON s.person_id = later.person_id
       WHERE later.last_at >= @from`,
    )
    .raw(true)
    .all(bounds(period, scope)) as [string, string][];
  const cache = new Map<string, JourneyFacts>();
  return rows.map(([lastStepAt, kept]) => ({ lastStepAt, facts: stageFacts(kept, cache) }));
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
  const client = db().$client;
  const signedOff = `
    WITH latest AS (
      SELECT person_id, items, row_number() OVER (PARTITION BY plan_id ORDER BY decided_at DESC) AS rank
      FROM insights_decisions
      WHERE decided_at >= @from AND decided_at < @to AND decision = 'signed-off' AND ${inScope("person_id")}
    )`;
  const b = bounds(period, scope);
  const items = client
    .prepare(
      `${signedOff}
       SELECT latest.person_id AS personKey, it.value ->> '$.kind' AS kind,
         it.value ->> '$.unitCostPence' AS unitCostPence, it.value ->> '$.unitsPerYear' AS unitsPerYear
       FROM latest, json_each(latest.items) it
       WHERE latest.rank = 1`,
    )
    .all(b) as { personKey: string; kind: ItemKind; unitCostPence: number; unitsPerYear: number }[];
  const plans = client.prepare(`${signedOff} SELECT count(*) AS n FROM latest WHERE rank = 1`).get(b) as { n: number };
  return { items, plans: plans.n };
}

/** The lead professionals' decisions made in the period, with when the version they decided on was sent. */
export async function decisionRows(
  period: Period,
  scope: InsightsScope,
): Promise<{ decisions: DecisionRow[]; reconsiderations: number }> {
  const client = db().$client;
  const b = bounds(period, scope);
  const decisions = client
    .prepare(
      `SELECT person_id, decision, submitted_at, decided_at FROM insights_decisions
       WHERE decided_at >= @from AND decided_at < @to AND decision <> 'think-again' AND ${inScope("person_id")}`,
    )
    .raw(true)
    .all(b) as [string, DecisionKind, string, string][];
  const reconsiderations = client
    .prepare(
      `SELECT count(*) AS n FROM plan_submissions
       WHERE reconsideration = 1 AND submitted_at >= @from AND submitted_at < @to AND ${inScope("person_id")}`,
    )
    .get(b) as { n: number };
  return {
    decisions: decisions.map(([personKey, decision, submittedAt, decidedAt]) => ({
      personKey,
      decision,
      submittedAt,
      decidedAt,
    })),
    reconsiderations: reconsiderations.n,
  };
}

/** Every outcome of a cycle reviewed in the period, rated at its start and again when reflecting. */
export async function outcomeChangeRows(period: Period, scope: InsightsScope): Promise<OutcomeChangeRow[]> {
  return db()
    .$client.prepare(
      `SELECT DISTINCT p.person_id AS personKey, o.value ->> '$.id' AS outcomeId,
         o.value ->> '$.lifeAreaId' AS lifeAreaId, o.value ->> '$.now' AS atStart, r.value ->> '$.now' AS atReview
       FROM plan_reviews rv
         JOIN plans p ON p.id = rv.plan_id
         JOIN plan_sections so ON so.plan_id = p.id AND so.section = 'outcomes'
         JOIN plan_sections sr ON sr.plan_id = p.id AND sr.section = 'reflection',
         json_each(so.content) o, json_each(sr.content, '$.ratings') r
       WHERE rv.held_at >= @from AND rv.held_at < @to AND r.value ->> '$.outcomeId' = o.value ->> '$.id'
         AND ${inScope("p.person_id")}`,
    )
    .all(bounds(period, scope)) as (OutcomeChangeRow & { outcomeId: string })[];
}

/** The small grants asked for in the period, with where each stands now. */
export async function grantRows(period: Period, scope: InsightsScope): Promise<GrantInsightRow[]> {
  return db()
    .$client.prepare(
      `SELECT person_id AS personKey, state, granted_pence AS grantedPence FROM grants
       WHERE asked_at >= @from AND asked_at < @to AND ${inScope("person_id")}`,
    )
    .all(bounds(period, scope)) as GrantInsightRow[];
}

/** The treatment vouchers issued in the period, with the day of the first session claimed against each. */
export async function voucherRows(period: Period, scope: InsightsScope): Promise<VoucherInsightRow[]> {
  return db()
    .$client.prepare(
      `SELECT v.person_id AS personKey, v.issued_at AS issuedAt,
         (SELECT min(c.session_date) FROM voucher_claims c WHERE c.voucher_id = v.id) AS firstSessionOn
       FROM vouchers v WHERE v.issued_at >= @from AND v.issued_at < @to AND ${inScope("v.person_id")}`,
    )
    .all(bounds(period, scope)) as VoucherInsightRow[];
}

/**
 * Money actually spent in the period (days both included), per person, kind and sector: ledger spending
 * less corrections of it (each entry keeps its item's menu kind and who was paid), treatment voucher
 * claims (controlled treatments, statutory as planned spend counts them) and spending from small grants
 * (community). Each part reads its rows through an index on its date.
 */
export async function actualSpendRows(period: Period, scope: InsightsScope): Promise<ActualSpendRow[]> {
  const rows = db()
    .$client.prepare(
      `SELECT 'ledger' AS source, person_id AS personKey, menu_kind AS menuKind, sector,
         sum(CASE WHEN kind = 'spent' THEN amount_pence ELSE -amount_pence END) AS pence
       FROM ledger_entries
       WHERE kind IN ('spent', 'reversal') AND entry_date >= @fromDay AND entry_date <= @toDay
         AND (kind = 'spent' OR reversed_kind = 'spent') AND ${inScope("person_id")}
       GROUP BY person_id, menu_kind, sector
       UNION ALL
       SELECT 'voucher', person_id, 'controlled-treatment', 'statutory', sum(amount_pence) FROM voucher_claims
       WHERE session_date >= @fromDay AND session_date <= @toDay AND ${inScope("person_id")}
       GROUP BY person_id
       UNION ALL
       SELECT 'grant', person_id, 'small-grant', 'community', sum(amount_pence) FROM grant_spending
       WHERE spent_on >= @fromDay AND spent_on <= @toDay AND ${inScope("person_id")}
       GROUP BY person_id`,
    )
    .all(bounds(period, scope)) as {
    source: "ledger" | "voucher" | "grant";
    personKey: string;
    menuKind: string | null;
    sector: "community" | "statutory" | null;
    pence: number;
  }[];
  return rows.map((r) => ({
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
 * One query, so the budgets and the learning loop count the same people.
 *
 * Read from the summary (`insights_people`) through its index on when the budget was worked out. Only
 * where the period ends before something the summary holds (a newer budget, sign-off or payment) are the
 * records themselves asked, for that person, through indexes on the person or plan.
 */
export async function budgetAndLearningRows(
  period: Period,
  scope: InsightsScope,
): Promise<{ budgets: BudgetRow[]; learning: Omit<LearningRow, "outcomeChange">[] }> {
  const rows = db()
    .$client.prepare(
      `WITH chosen AS (
         SELECT person_id, rule_set_id, eligible, points, nhs_pence, council_pence, total_pence, plan_id,
           has_free_support, signed_off_at, planned_pence, spent_pence, spent_until
         FROM insights_people
         WHERE allocation_at >= @from AND allocation_at < @to AND ${inScope("person_id")}
         UNION ALL
         -- Their newest budget is outside the period but another was worked out in it: the newest in it.
         SELECT s.person_id, al.rule_set_id, al.eligible, al.points, al.nhs_pence, al.council_pence, al.total_pence,
           s.plan_id, s.has_free_support, s.signed_off_at, s.planned_pence, s.spent_pence, s.spent_until
         FROM insights_people s JOIN allocations al ON al.id = (
           SELECT a.id FROM allocations a JOIN assessments asm ON asm.id = a.assessment_id
           WHERE a.person_id = s.person_id AND a.created_at >= @from AND a.created_at < @to
           ORDER BY asm.cycle DESC, a.basis = 'agreed' DESC, a.created_at DESC LIMIT 1)
         WHERE (s.allocation_at < @from OR s.allocation_at >= @to) AND s.allocations_to >= @from
           AND s.allocations_from < @to AND ${inScope("s.person_id")}
       ),
       signed AS (
         SELECT chosen.*, CASE WHEN eligible <> 1 THEN NULL
           WHEN signed_off_at IS NULL OR signed_off_at < @to THEN planned_pence
           -- Signed off again after the period: the newest sign-off before its end.
           ELSE (SELECT planned_pence FROM insights_signoffs WHERE decision_id = (
             SELECT d.id FROM plan_decisions d
             WHERE d.plan_id = chosen.plan_id AND d.decision = 'signed-off' AND d.decided_at < @to
             ORDER BY d.decided_at DESC LIMIT 1)) END AS planned
         FROM chosen
       )
       SELECT person_id, rule_set_id, eligible, points, nhs_pence, council_pence, total_pence, has_free_support,
         planned,
         CASE WHEN planned IS NULL THEN NULL
           WHEN spent_until IS NULL OR spent_until <= @toDay THEN coalesce(spent_pence, 0)
           -- Spent after the period too: one plan's entries up to its end, through ledger_plan_idx (the unary +
           -- keeps the planner off the kind-and-date index).
           ELSE coalesce((
             SELECT sum(CASE WHEN kind = 'spent' THEN amount_pence ELSE -amount_pence END) FROM ledger_entries
             WHERE plan_id = signed.plan_id AND +entry_date <= @toDay
               AND (+kind = 'spent' OR (+kind = 'reversal' AND reversed_kind = 'spent'))), 0) END
       FROM signed`,
    )
    .raw(true)
    .all(bounds(period, scope)) as [
    string,
    string,
    number,
    number,
    number,
    number,
    number,
    number,
    number | null,
    number | null,
  ][];
  return {
    budgets: rows.map(([, ruleSetId, eligible, , nhsPence, councilPence, totalPence, hasFreeSupport]) => ({
      ruleSetId,
      eligible: eligible === 1,
      nhsPence,
      councilPence,
      totalPence,
      hasFreeSupport: hasFreeSupport === 1,
    })),
    learning: rows
      .filter((r) => r[2] === 1)
      .map(([personKey, ruleSetId, , points, , , totalPence, , plannedPence, actualPence]) => ({
        personKey,
        ruleSetId,
        points,
        budgetPence: totalPence,
        plannedPence,
        actualPence,
      })),
  };
}
