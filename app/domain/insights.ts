import { journeyStages, STAGES, type JourneyFacts, type Stage } from "~/domain/journey";
import { GRANT_STATES, type GrantState } from "~/domain/grants";
import { ITEM_KINDS, yearlyCostPence, type ItemKind } from "~/domain/plan";

/**
 * What the scheme learns (docs/domain-guide.md, "Outcomes and what the scheme learns"): anonymised
 * figures for commissioners and team administrators. Pure: the models hand over plain rows, this
 * works out medians, spreads and totals, and decides what may be shown. Nobody can be identified:
 *
 * - a count under SMALLEST_SHOWN is shown as "fewer than 5" (primary suppression);
 * - a figure worked out from fewer than SMALLEST_SHOWN people (a median, a sum of money) is withheld;
 * - where the cells of a table add up to a total that is shown, a lone withheld cell could be worked
 *   out by subtraction, so the next smallest cell is withheld too (secondary suppression);
 * - nothing here carries a name, an id, a date of birth or free text: only kinds, areas and numbers.
 */

/** The smallest number of people a shown figure may rest on. */
export const SMALLEST_SHOWN = 5;

/** A count of people (or plans, or decisions) as it may be shown. */
export type Count = { shown: true; value: number } | { shown: false };
/** A figure worked out from people (days, pence, rating points) as it may be shown. */
export type Figure = { shown: true; value: number } | { shown: false };

const hidden = { shown: false } as const;
const show = (value: number) => ({ shown: true, value }) as const;

/** A count on its own (no total it adds up to): shown from SMALLEST_SHOWN up. */
export function countCell(n: number): Count {
  return n >= SMALLEST_SHOWN ? show(n) : hidden;
}

/**
 * The value at fraction p (0 to 1) of values already sorted ascending, interpolating between the two
 * nearest ranks (the "linear" method, R's type 7 and a spreadsheet's PERCENTILE.INC).
 */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new Error("quantile of nothing");
  return interpolated(sorted.length, p, (rank) => sorted[rank]!);
}

/** quantile()'s one formula, given how many values there are and the value at a rank (from 0). */
function interpolated(n: number, p: number, at: (rank: number) => number): number {
  const position = (n - 1) * p;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = at(below);
  const high = at(above);
  return low + (high - low) * (position - below);
}

/**
 * A value with how many times it occurs: people who share a figure are handed over as one row with their
 * number (issue 18: 100,000 people), and every figure is the one of the values written out that many times.
 */
export interface Counted {
  value: number;
  count: number;
}

/** How many values counted values stand for. */
export const countOf = (values: readonly Counted[]) => values.reduce((n, v) => n + v.count, 0);

/** Counted values sorted ascending by value, those counted 0 times left out. */
export function sortedCounted(values: readonly Counted[]): Counted[] {
  return values.filter((v) => v.count > 0).sort((a, b) => a.value - b.value);
}

/** quantile() of counted values already sorted ascending (sortedCounted), as if each were written out. */
export function quantileOfCounted(sorted: readonly Counted[], p: number): number {
  const n = countOf(sorted);
  if (n === 0) throw new Error("quantile of nothing");
  return interpolated(n, p, (rank) => {
    let seen = 0;
    for (const { value, count } of sorted) {
      seen += count;
      if (rank < seen) return value;
    }
    throw new Error("rank beyond the values");
  });
}

/** The middle, quartiles and 90th percentile of some values, and how many people they come from. */
export interface Spread {
  people: Count;
  median: Figure;
  lowerQuartile: Figure;
  upperQuartile: Figure;
  ninetieth: Figure;
}

/** Every figure of a spread withheld (the count too when the caller's table withholds the cell). */
function withheldSpread(people: number, withhold: boolean): Spread {
  return {
    people: withhold ? hidden : countCell(people),
    median: hidden,
    lowerQuartile: hidden,
    upperQuartile: hidden,
    ninetieth: hidden,
  };
}

function spreadAt(people: number, at: (p: number) => number): Spread {
  return {
    people: show(people),
    median: show(at(0.5)),
    lowerQuartile: show(at(0.25)),
    upperQuartile: show(at(0.75)),
    ninetieth: show(at(0.9)),
  };
}

/**
 * The spread of values that come from `people` people (as many as values unless said otherwise). Every
 * figure is withheld when fewer than SMALLEST_SHOWN people, or when the caller's table withholds the cell.
 */
export function spreadOf(values: readonly number[], people = values.length, withhold = false): Spread {
  if (withhold || people < SMALLEST_SHOWN || values.length === 0) return withheldSpread(people, withhold);
  // A typed array sorts numbers ascending natively, several times faster than a comparator at 100,000 values.
  const sorted = Float64Array.from(values).sort();
  return spreadAt(people, (p) => quantile(sorted, p));
}

/** spreadOf() the counted values written out: the same figures, the same disclosure control. */
export function spreadOfCounted(values: readonly Counted[], people = countOf(values), withhold = false): Spread {
  const sorted = sortedCounted(values);
  if (withhold || people < SMALLEST_SHOWN || sorted.length === 0) return withheldSpread(people, withhold);
  return spreadAt(people, (p) => quantileOfCounted(sorted, p));
}

/**
 * Which cells of one table to withhold, given the number of people behind each cell, when the table
 * also shows a total. Primary: every cell under SMALLEST_SHOWN. Secondary: if exactly one cell is
 * withheld, the smallest other cell is withheld too, so the total minus the shown cells gives only the
 * sum of two withheld cells, never one. A total under SMALLEST_SHOWN withholds the whole table.
 */
export function cellsToWithhold(people: readonly number[]): boolean[] {
  const total = people.reduce((sum, n) => sum + n, 0);
  if (total < SMALLEST_SHOWN) return people.map(() => true);
  const withheld = people.map((n) => n < SMALLEST_SHOWN);
  if (withheld.filter(Boolean).length === 1) {
    let smallest = -1;
    people.forEach((n, i) => {
      if (!withheld[i] && (smallest === -1 || n < people[smallest]!)) smallest = i;
    });
    if (smallest !== -1) withheld[smallest] = true;
  }
  return withheld;
}

/** A table of counts that add up to a shown total, with both kinds of suppression applied. */
export function countTable<K extends string>(
  keys: readonly K[],
  people: Readonly<Record<K, number>>,
): { cells: Record<K, Count>; total: Count } {
  const counts = keys.map((key) => people[key]);
  const withhold = cellsToWithhold(counts);
  const total = counts.reduce((sum, n) => sum + n, 0);
  const cells = Object.fromEntries(keys.map((key, i) => [key, withhold[i] ? hidden : show(counts[i]!)]));
  return { cells: cells as Record<K, Count>, total: countCell(total) };
}

// ---------------------------------------------------------------- the figures

/** The period asked about: calendar dates, both days included. */
export interface Period {
  from: string;
  to: string;
}

/** Whole days between two moments, to one decimal place (either may be given already as milliseconds). */
export function daysBetween(earlier: string | number, later: string | number): number {
  const from = typeof earlier === "number" ? earlier : Date.parse(earlier);
  return Math.round(((typeof later === "number" ? later : Date.parse(later)) - from) / 8_640_000) / 10;
}

// ---- people at each stage

/**
 * The people active in the period who share the plain facts their stage is worked out from (many do: the
 * model hands each distinct set over once), with each one's last recorded step.
 */
export interface PersonStageRow {
  facts: JourneyFacts;
  lastStepsAt: readonly string[];
}

export interface StageFigures {
  /** People with a recorded step in the period. */
  total: Count;
  stages: { stage: Stage; people: Count; daysSinceLastStep: Spread }[];
}

/**
 * People at each of the seven stages (the journey's own rule decides the stage), and how long since
 * their last recorded step, measured to `asOf` (the end of the period, or now if that is sooner).
 */
export function stageFigures(rows: readonly PersonStageRow[], asOf: string): StageFigures {
  return stageFiguresAt(stageSteps(rows), asOf);
}

/** Each stage's people's last steps, as moments sorted newest first: what stageFiguresAt() needs. */
export type StageSteps = ReadonlyMap<Stage, Float64Array>;

/**
 * The part of the stage figures that does not depend on when they are asked for: everyone's stage, and
 * their last steps read and sorted once. A server keeps it with the report's rows, so a kept report's
 * stages cost a few lookups at each request rather than reading every person's last step again.
 */
export function stageSteps(rows: readonly PersonStageRow[]): StageSteps {
  const byStage = new Map<Stage, number[]>(STAGES.map((stage) => [stage, []]));
  // Each set of facts' stage is worked out once, for everyone who shares it.
  for (const row of rows) {
    const moments = byStage.get(journeyStages(row.facts).current)!;
    for (const lastStepAt of row.lastStepsAt) moments.push(Date.parse(lastStepAt));
  }
  return new Map(STAGES.map((stage) => [stage, Float64Array.from(byStage.get(stage)!).sort().reverse()]));
}

/**
 * stageFigures() from the kept steps, measured to `asOf`. The days since a step only fall as the step is
 * later, so the newest-first moments give the days already in ascending order: each quartile needs the days
 * of two people only, and the figures are exactly spreadOf()'s over everyone's days.
 */
export function stageFiguresAt(steps: StageSteps, asOf: string): StageFigures {
  const end = Date.parse(asOf);
  const people = Object.fromEntries(STAGES.map((s) => [s, steps.get(s)!.length])) as Record<Stage, number>;
  const table = countTable(STAGES, people);
  return {
    total: table.total,
    stages: STAGES.map((stage) => {
      const moments = steps.get(stage)!;
      const withhold = !table.cells[stage].shown;
      const daysSinceLastStep =
        withhold || people[stage] < SMALLEST_SHOWN || moments.length === 0
          ? withheldSpread(people[stage], withhold)
          : spreadAt(people[stage], (p) => interpolated(moments.length, p, (rank) => daysBetween(moments[rank]!, end)));
      return { stage, people: table.cells[stage], daysSinceLastStep };
    }),
  };
}

// ---- budgets

/** A person's budget: the newest calculation in the period (an agreed one before the person's own). */
export interface BudgetRow {
  ruleSetId: string;
  eligible: boolean;
  nhsPence: number;
  councilPence: number;
  totalPence: number;
  /** Whether the plan of the person's current cycle lists help that costs nothing. */
  hasFreeSupport: boolean;
  /** How many people have this very row (identical rows are handed over once); 1 unless said. */
  people?: number;
}

export interface BudgetFigures {
  /** People with a budget worked out in the period, eligible or not. */
  people: Count;
  eligible: Count;
  belowThreshold: Count;
  /** Of those below the threshold, how many recorded help that costs nothing in their plan. */
  belowWithFreeSupport: Count;
  byRuleSet: { ruleSetId: string; people: Count; total: Spread; nhsPence: Figure; councilPence: Figure }[];
  /** The same figures for every rule set together. */
  all: { people: Count; total: Spread; nhsPence: Figure; councilPence: Figure };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
/** How many people some rows stand for, each row `people` of them (1 unless said). */
export const peopleIn = (rows: readonly { people?: number }[]) => rows.reduce((n, r) => n + (r.people ?? 1), 0);

/**
 * One table: a row per rule set for the people with a budget under it, and a row for the people below
 * the eligibility threshold, adding up to everyone with a budget worked out. Suppression runs over the
 * whole table, so no row can be worked out from the total and the others.
 */
export function budgetFigures(rows: readonly BudgetRow[]): BudgetFigures {
  const eligibleRows = rows.filter((r) => r.eligible);
  const below = rows.filter((r) => !r.eligible);
  const ruleSets = [...new Set(eligibleRows.map((r) => r.ruleSetId))].sort();
  const groups = ruleSets.map((id) => eligibleRows.filter((r) => r.ruleSetId === id));
  const belowPeople = peopleIn(below);
  const withhold = cellsToWithhold([...groups.map(peopleIn), belowPeople]);
  const belowWithheld = withhold[groups.length]!;
  const money = (group: readonly BudgetRow[], withheld: boolean) => {
    const people = peopleIn(group);
    const enough = !withheld && people >= SMALLEST_SHOWN;
    return {
      people: withheld ? hidden : countCell(people),
      total: spreadOfCounted(
        group.map((r) => ({ value: r.totalPence, count: r.people ?? 1 })),
        people,
        withheld,
      ),
      nhsPence: enough ? show(sum(group.map((r) => r.nhsPence * (r.people ?? 1)))) : hidden,
      councilPence: enough ? show(sum(group.map((r) => r.councilPence * (r.people ?? 1)))) : hidden,
    };
  };
  const all = money(eligibleRows, false);
  return {
    people: countCell(peopleIn(rows)),
    // Everyone less those below the threshold: shown only when the row below the threshold is.
    eligible: belowWithheld ? hidden : countCell(peopleIn(eligibleRows)),
    belowThreshold: belowWithheld ? hidden : show(belowPeople),
    belowWithFreeSupport: belowWithheld ? hidden : countCell(peopleIn(below.filter((r) => r.hasFreeSupport))),
    byRuleSet: ruleSets.map((ruleSetId, i) => ({ ruleSetId, ...money(groups[i]!, withhold[i]!) })),
    all: { ...all, people: belowWithheld ? hidden : all.people },
  };
}

// ---- planned spend

/** One item of a plan signed off in the period, as the plan priced it. */
export interface PlannedItemRow {
  /** Stands for the person only within one calculation: never shown. */
  personKey: string;
  kind: ItemKind;
  unitCostPence: number;
  unitsPerYear: number;
}

/** The kinds a budget can pay for: an absolute exclusion is never funded, so it has no spend to show. */
export const FUNDED_KINDS = ITEM_KINDS.filter((kind) => kind !== "absolute-exclusion");
export type FundedKind = (typeof FUNDED_KINDS)[number];

/**
 * Statutory or community provision. Controlled treatments are the clinical treatments the NHS would
 * otherwise provide, bought from accredited providers; everything else (co-designed, citizen-led and
 * what the person names) is bought outside the statutory services. Where people have a choice, most
 * of the money is expected to go outside the NHS; this figure shows whether it does.
 */
export const SECTORS = ["statutory", "community"] as const;
export type Sector = (typeof SECTORS)[number];
export const sectorOf = (kind: ItemKind): Sector => (kind === "controlled-treatment" ? "statutory" : "community");

export interface SpendCell {
  people: Count;
  pence: Figure;
}

export interface SpendFigures {
  plans: Count;
  totalPence: Figure;
  byKind: Record<FundedKind, SpendCell>;
  bySector: Record<Sector, SpendCell>;
}

/**
 * Money by group with the people behind each cell. The money in the cells adds up to the total shown,
 * so a lone withheld cell takes another with it. A person counts in a cell when any of their rows is in it.
 */
function moneyTable<K extends string, R extends { personKey: string }>(
  keys: readonly K[],
  rows: readonly R[],
  keyOf: (row: R) => K,
  penceOf: (row: R) => number,
) {
  const people = keys.map((key) => new Set(rows.filter((r) => keyOf(r) === key).map((r) => r.personKey)).size);
  const pence = keys.map((key) => sum(rows.filter((r) => keyOf(r) === key).map(penceOf)));
  const withhold = cellsToWithhold(people);
  return Object.fromEntries(
    keys.map((key, i) => [
      key,
      withhold[i] ? { people: hidden, pence: hidden } : { people: show(people[i]!), pence: show(pence[i]!) },
    ]),
  ) as Record<K, SpendCell>;
}

function spendTable<K extends string>(
  keys: readonly K[],
  rows: readonly PlannedItemRow[],
  keyOf: (row: PlannedItemRow) => K,
) {
  return moneyTable(keys, rows, keyOf, yearlyCostPence);
}

/** Planned spend a year by kind of menu rule and by statutory or community provision. */
export function spendFigures(rows: readonly PlannedItemRow[], plans: number): SpendFigures {
  const funded = rows.filter((r): r is PlannedItemRow & { kind: FundedKind } => r.kind !== "absolute-exclusion");
  return {
    plans: countCell(plans),
    totalPence: plans >= SMALLEST_SHOWN ? show(sum(funded.map(yearlyCostPence))) : hidden,
    byKind: spendTable(FUNDED_KINDS, plans >= SMALLEST_SHOWN ? funded : [], (r) => r.kind),
    bySector: spendTable(SECTORS, plans >= SMALLEST_SHOWN ? funded : [], (r) => sectorOf(r.kind)),
  };
}

// ---- actual spend

/**
 * What money was actually spent on, as recorded after sign-off: each plan item's menu kind, the crisis
 * contingency, spending not in the plan, and spending from a small grant (people below the threshold,
 * who have no plan items). Treatment voucher claims are controlled treatments.
 */
export const ACTUAL_KINDS = [...FUNDED_KINDS, "contingency", "not-in-plan", "small-grant"] as const;
export type ActualKind = (typeof ACTUAL_KINDS)[number];

/** The kind a ledger entry's kept menu kind counts under: anything that is not a funded kind or the contingency is "not in the plan". */
export function actualKindOf(menuKind: string | null): ActualKind {
  const kept = [...FUNDED_KINDS, "contingency"] as const;
  return kept.find((kind) => kind === menuKind) ?? "not-in-plan";
}

/** Money one person moved in the period in one kind and sector: spending less corrections of it. */
export interface ActualSpendRow {
  personKey: string;
  kind: ActualKind;
  sector: Sector;
  pence: number;
}

export interface ActualSpendFigures {
  /** People whose spending (or a correction of it) was recorded in the period. */
  people: Count;
  totalPence: Figure;
  byKind: Record<ActualKind, SpendCell>;
  bySector: Record<Sector, SpendCell>;
}

/**
 * Actual spend in the period by kind and by statutory or community provider, with the same disclosure
 * control as planned spend: nothing from fewer than SMALLEST_SHOWN people, a lone withheld cell takes the
 * next smallest with it. Each cell counts the people whose entries make it up.
 */
export function actualSpendFigures(rows: readonly ActualSpendRow[]): ActualSpendFigures {
  const people = new Set(rows.map((r) => r.personKey)).size;
  const enough = people >= SMALLEST_SHOWN;
  const counted = enough ? rows : [];
  return {
    people: countCell(people),
    totalPence: enough ? show(sum(rows.map((r) => r.pence))) : hidden,
    byKind: moneyTable(
      ACTUAL_KINDS,
      counted,
      (r) => r.kind,
      (r) => r.pence,
    ),
    bySector: moneyTable(
      SECTORS,
      counted,
      (r) => r.sector,
      (r) => r.pence,
    ),
  };
}

// ---- sign-off

/** The lead professional's decisions; "think again" is the person's own request, counted apart. */
export const DECISION_KINDS = ["signed-off", "changes-requested", "referred-to-panel"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/**
 * The decisions of one kind made the same number of days after the version was sent (whole days to one
 * decimal place, as daysBetween gives them; the model works them out where the records are).
 */
export interface DecisionRow {
  decision: DecisionKind;
  daysToDecision: number;
  decisions: number;
}

export interface SignOffFigures {
  decisions: Count;
  byDecision: Record<DecisionKind, Count>;
  /** Days from a version being sent to the decision on it. */
  daysToDecision: Spread;
  /** Versions sent again with "ask us to think again". */
  reconsiderations: Count;
}

/** `people`: how many people the decisions are about (a person may have several). */
export function signOffFigures(rows: readonly DecisionRow[], people: number, reconsiderations: number): SignOffFigures {
  const counts = Object.fromEntries(
    DECISION_KINDS.map((kind) => [kind, sum(rows.filter((r) => r.decision === kind).map((r) => r.decisions))]),
  ) as Record<DecisionKind, number>;
  const table = countTable(DECISION_KINDS, counts);
  return {
    decisions: table.total,
    byDecision: table.cells,
    daysToDecision: spreadOfCounted(
      rows.map((r) => ({ value: r.daysToDecision, count: r.decisions })),
      people,
    ),
    reconsiderations: countCell(reconsiderations),
  };
}

// ---- small grants (for people below the threshold)

export interface GrantInsightRow {
  personKey: string;
  state: GrantState;
  grantedPence: number | null;
}

export interface GrantFigures {
  /** Applications made in the period, by where they stand now. */
  applications: Count;
  byState: Record<GrantState, Count>;
  /** The sum granted, withheld when fewer than SMALLEST_SHOWN people were granted one. */
  grantedPence: Figure;
  grantedPeople: Count;
}

export function grantFigures(rows: readonly GrantInsightRow[]): GrantFigures {
  const counts = Object.fromEntries(
    GRANT_STATES.map((state) => [state, rows.filter((r) => r.state === state).length]),
  ) as Record<GrantState, number>;
  const table = countTable(GRANT_STATES, counts);
  const granted = rows.filter((r) => r.state === "granted");
  const people = new Set(granted.map((r) => r.personKey)).size;
  return {
    applications: table.total,
    byState: table.cells,
    grantedPence: people >= SMALLEST_SHOWN ? show(granted.reduce((sum, r) => sum + (r.grantedPence ?? 0), 0)) : hidden,
    grantedPeople: countCell(people),
  };
}

// ---- treatment vouchers

export const VOUCHER_TAKE_UP = ["taken-up", "not-yet"] as const;
export type VoucherTakeUp = (typeof VOUCHER_TAKE_UP)[number];

export interface VoucherInsightRow {
  personKey: string;
  issuedAt: string;
  /** The day of the first session claimed, or null while none has been. */
  firstSessionOn: string | null;
}

export interface VoucherFigures {
  issued: Count;
  byTakeUp: Record<VoucherTakeUp, Count>;
  /** Days from issue to the first session, for vouchers taken up. */
  daysToFirstSession: Spread;
}

export function voucherFigures(rows: readonly VoucherInsightRow[]): VoucherFigures {
  const taken = rows.filter((r) => r.firstSessionOn !== null);
  const table = countTable(VOUCHER_TAKE_UP, { "taken-up": taken.length, "not-yet": rows.length - taken.length });
  return {
    issued: table.total,
    byTakeUp: table.cells,
    daysToFirstSession: spreadOf(
      taken.map((r) => Math.max(0, daysBetween(r.issuedAt.slice(0, 10), r.firstSessionOn!))),
      new Set(taken.map((r) => r.personKey)).size,
    ),
  };
}

// ---- outcome ratings

/** One outcome rated at the start of a cycle (1 to 10) and again at its review. */
export interface OutcomeChangeRow {
  personKey: string;
  lifeAreaId: string;
  atStart: number;
  atReview: number;
}

/**
 * For each life area, the change from start to review: each person counts once (the mean of their
 * outcomes in that area), then the median and quartiles over people.
 */
export function outcomeFigures(
  rows: readonly OutcomeChangeRow[],
  lifeAreaIds: readonly string[],
): { lifeAreaId: string; change: Spread }[] {
  return lifeAreaIds.map((lifeAreaId) => {
    const perPerson = new Map<string, number[]>();
    for (const row of rows)
      if (row.lifeAreaId === lifeAreaId)
        perPerson.set(row.personKey, [...(perPerson.get(row.personKey) ?? []), row.atReview - row.atStart]);
    const changes = [...perPerson.values()].map((list) => sum(list) / list.length);
    return { lifeAreaId, change: spreadOf(changes) };
  });
}

// ---- downloads

/** A CSV cell: quoted, and never read by a spreadsheet as a formula (a leading = + - @ tab or return). */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

export function csvLine(cells: readonly (string | number)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
