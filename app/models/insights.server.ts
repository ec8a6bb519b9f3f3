import {
  actualKindOf,
  FUNDED_KINDS,
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
import { yearlyCostPence, type ItemKind } from "~/domain/plan";
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

/** People with a recorded step in the period, with the facts their stage is worked out from. */
export function stageRows(period: Period, scope: InsightsScope): PersonStageRow[] {
  const rows = db()
    .$client.prepare(
      `WITH steps(person_id, at) AS (
         SELECT a.person_id, aa.answered_at FROM assessment_answers aa JOIN assessments a ON a.id = aa.assessment_id
         UNION ALL SELECT person_id, created_at FROM allocations
         UNION ALL SELECT p.person_id, s.saved_at FROM plan_sections s JOIN plans p ON p.id = s.plan_id
         UNION ALL SELECT person_id, submitted_at FROM plan_submissions
         UNION ALL SELECT p.person_id, d.decided_at FROM plan_decisions d JOIN plans p ON p.id = d.plan_id
         UNION ALL SELECT p.person_id, r.held_at FROM plan_reviews r JOIN plans p ON p.id = r.plan_id
       ),
       active AS (
         SELECT person_id, max(at) AS last_at FROM steps WHERE at < @to GROUP BY person_id HAVING max(at) >= @from
       ),
       cur AS (
         SELECT active.person_id, active.last_at,
           (SELECT id FROM assessments WHERE person_id = active.person_id ORDER BY cycle DESC LIMIT 1) AS assessment_id,
           (SELECT id FROM plans WHERE person_id = active.person_id ORDER BY cycle DESC LIMIT 1) AS plan_id
         FROM active WHERE ${inScope("active.person_id")}
       ),
       sec AS (
         SELECT cur.*, a.informal, pl.state,
           (SELECT count(*) FROM assessment_answers WHERE assessment_id = cur.assessment_id) AS answered,
           (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'outcomes') AS outcomes,
           (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'items') AS items,
           (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'freeSupport') AS free_support,
           (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'risks') AS risks,
           (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'crisis') AS crisis,
           (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'decisions') AS decisions,
           (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'resources') AS resources,
           (SELECT content FROM plan_sections WHERE plan_id = cur.plan_id AND section = 'organising') AS organising
         FROM cur
         LEFT JOIN assessments a ON a.id = cur.assessment_id
         LEFT JOIN plans pl ON pl.id = cur.plan_id
       )
       SELECT last_at AS lastAt, informal, state, answered,
         coalesce(json_array_length(resources), 0) AS resources,
         -- As filledSections in app/domain/plan.ts, less resources (stage 2): which plan sections hold something.
         (coalesce(json_array_length(outcomes), 0) > 0) + (coalesce(json_array_length(items), 0) > 0)
           + (coalesce(json_array_length(free_support), 0) > 0) + (coalesce(json_array_length(risks), 0) > 0)
           + (crisis IS NOT NULL AND (coalesce(crisis ->> '$.earlySigns', '') <> '' OR coalesce(crisis ->> '$.whatHelps', '') <> ''
               OR coalesce(crisis ->> '$.doNotWant', '') <> '' OR coalesce(crisis ->> '$.preferredPlace', '') <> ''
               OR coalesce(json_array_length(crisis, '$.contacts'), 0) > 0))
           + (decisions IS NOT NULL AND (coalesce(decisions ->> '$.whoDecidesWhat', '') <> ''
               OR decisions ->> '$.management' IS NOT NULL OR decisions -> '$.ifUnwell' IS NOT NULL)) AS filled,
         coalesce(json_array_length(items), 0) AS entries,
         -- As isArranged in app/domain/plan-stages.ts: who provides it, when it starts, how it is paid.
         CASE WHEN items IS NULL OR organising IS NULL THEN 0 ELSE (
           SELECT count(*) FROM json_each(items) it WHERE EXISTS (
             SELECT 1 FROM json_each(organising) o
             WHERE o.value ->> '$.itemId' = it.value ->> '$.id' AND coalesce(o.value ->> '$.provider', '') <> ''
               AND coalesce(o.value ->> '$.startDate', '') <> '' AND o.value ->> '$.howPaid' IS NOT NULL)
         ) END AS arranged
       FROM sec`,
    )
    .all(bounds(period, scope)) as {
    lastAt: string;
    informal: InformalSupport | null;
    state: PlanState | null;
    answered: number;
    resources: number;
    filled: number;
    entries: number;
    arranged: number;
  }[];
  return rows.map((r) => ({
    lastStepAt: r.lastAt,
    facts: {
      assessment: { answered: r.answered, complete: r.informal !== null && r.answered >= NEED_AREA_KEYS.length },
      resources: r.resources,
      planSectionsFilled: r.filled,
      workflow: r.state,
      organising: { entries: r.entries, arranged: r.arranged },
      reviewDone: false,
    },
  }));
}

/**
 * The items of each plan signed off in the period, as the signed-off version priced them (the frozen
 * snapshot, not later changes), and how many plans that is. Each plan counts once, at its newest sign-off.
 */
export function plannedItemRows(period: Period, scope: InsightsScope): { items: PlannedItemRow[]; plans: number } {
  const client = db().$client;
  const signedOff = `
    WITH latest AS (
      SELECT d.plan_id, d.submission_id,
        row_number() OVER (PARTITION BY d.plan_id ORDER BY d.decided_at DESC) AS rank
      FROM plan_decisions d JOIN plans p ON p.id = d.plan_id
      WHERE d.decision = 'signed-off' AND d.decided_at >= @from AND d.decided_at < @to AND ${inScope("p.person_id")}
    )`;
  const b = bounds(period, scope);
  const items = client
    .prepare(
      `${signedOff}
       SELECT sub.person_id AS personKey, it.value ->> '$.kind' AS kind,
         it.value ->> '$.unitCostPence' AS unitCostPence, it.value ->> '$.unitsPerYear' AS unitsPerYear
       FROM latest JOIN plan_submissions sub ON sub.id = latest.submission_id,
         json_each(sub.snapshot, '$.plan.items') it
       WHERE latest.rank = 1`,
    )
    .all(b) as { personKey: string; kind: ItemKind; unitCostPence: number; unitsPerYear: number }[];
  const plans = client.prepare(`${signedOff} SELECT count(*) AS n FROM latest WHERE rank = 1`).get(b) as { n: number };
  return { items, plans: plans.n };
}

/** The lead professionals' decisions made in the period, with when the version they decided on was sent. */
export function decisionRows(
  period: Period,
  scope: InsightsScope,
): { decisions: DecisionRow[]; reconsiderations: number } {
  const client = db().$client;
  const b = bounds(period, scope);
  const decisions = client
    .prepare(
      `SELECT sub.person_id AS personKey, d.decision, sub.submitted_at AS submittedAt, d.decided_at AS decidedAt
       FROM plan_decisions d JOIN plan_submissions sub ON sub.id = d.submission_id
       WHERE d.decided_at >= @from AND d.decided_at < @to AND d.decision <> 'think-again'
         AND ${inScope("sub.person_id")}`,
    )
    .all(b) as { personKey: string; decision: DecisionKind; submittedAt: string; decidedAt: string }[];
  const reconsiderations = client
    .prepare(
      `SELECT count(*) AS n FROM plan_submissions
       WHERE reconsideration = 1 AND submitted_at >= @from AND submitted_at < @to AND ${inScope("person_id")}`,
    )
    .get(b) as { n: number };
  return { decisions, reconsiderations: reconsiderations.n };
}

/** Every outcome of a cycle reviewed in the period, rated at its start and again when reflecting. */
export function outcomeChangeRows(period: Period, scope: InsightsScope): OutcomeChangeRow[] {
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
export function actualSpendRows(period: Period, scope: InsightsScope): ActualSpendRow[] {
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
 */
export function budgetAndLearningRows(
  period: Period,
  scope: InsightsScope,
): { budgets: BudgetRow[]; learning: Omit<LearningRow, "outcomeChange">[] } {
  const rows = db()
    .$client.prepare(
      `WITH ranked AS (
         SELECT al.person_id, al.rule_set_id, al.eligible, al.points, al.nhs_pence, al.council_pence, al.total_pence,
           row_number() OVER (PARTITION BY al.person_id
             ORDER BY asm.cycle DESC, al.basis = 'agreed' DESC, al.created_at DESC) AS rank
         FROM allocations al JOIN assessments asm ON asm.id = al.assessment_id
         WHERE al.created_at >= @from AND al.created_at < @to AND ${inScope("al.person_id")}
       ),
       chosen AS MATERIALIZED (
         SELECT person_id, rule_set_id, eligible, points, nhs_pence, council_pence, total_pence,
           (SELECT id FROM plans WHERE person_id = ranked.person_id ORDER BY cycle DESC LIMIT 1) AS plan_id
         FROM ranked WHERE rank = 1
       ),
       signed AS MATERIALIZED (
         SELECT chosen.*, CASE WHEN eligible = 1 THEN (
             SELECT sub.snapshot ->> '$.plan.items' FROM plan_decisions d
               JOIN plan_submissions sub ON sub.id = d.submission_id
             WHERE d.plan_id = chosen.plan_id AND d.decision = 'signed-off' AND d.decided_at < @to
             ORDER BY d.decided_at DESC LIMIT 1) END AS items
         FROM chosen
       )
       SELECT person_id AS personKey, rule_set_id AS ruleSetId, eligible, points, nhs_pence AS nhsPence,
         council_pence AS councilPence, total_pence AS totalPence, items,
         coalesce((SELECT json_array_length(s.content) > 0 FROM plan_sections s
           WHERE s.section = 'freeSupport' AND s.plan_id = signed.plan_id), 0) AS hasFreeSupport,
         CASE WHEN items IS NULL THEN NULL ELSE coalesce((
           -- One plan's entries through ledger_plan_idx (the unary + keeps the planner off the kind-and-date index).
           SELECT sum(CASE WHEN kind = 'spent' THEN amount_pence ELSE -amount_pence END) FROM ledger_entries
           WHERE plan_id = signed.plan_id AND +entry_date <= @toDay
             AND (+kind = 'spent' OR (+kind = 'reversal' AND reversed_kind = 'spent'))), 0) END AS actualPence
       FROM signed`,
    )
    .all(bounds(period, scope)) as {
    personKey: string;
    ruleSetId: string;
    eligible: number;
    points: number;
    nhsPence: number;
    councilPence: number;
    totalPence: number;
    items: string | null;
    hasFreeSupport: number;
    actualPence: number | null;
  }[];
  return {
    budgets: rows.map((r) => ({
      ruleSetId: r.ruleSetId,
      eligible: r.eligible === 1,
      nhsPence: r.nhsPence,
      councilPence: r.councilPence,
      totalPence: r.totalPence,
      hasFreeSupport: r.hasFreeSupport === 1,
    })),
    learning: rows
      .filter((r) => r.eligible === 1)
      .map((r) => ({
        personKey: r.personKey,
        ruleSetId: r.ruleSetId,
        points: r.points,
        budgetPence: r.totalPence,
        actualPence: r.actualPence,
        plannedPence:
          r.items === null
            ? null
            : (JSON.parse(r.items) as { kind: ItemKind; unitCostPence: number; unitsPerYear: number }[])
                .filter((item) => (FUNDED_KINDS as readonly ItemKind[]).includes(item.kind))
                .reduce((total, item) => total + yearlyCostPence(item), 0),
      })),
  };
}
