import {
  cellsToWithhold,
  countCell,
  countOf,
  countTable,
  peopleIn,
  quantileOfCounted,
  SMALLEST_SHOWN,
  sortedCounted,
  spreadOfCounted,
  type Count,
  type Counted,
  type Figure,
  type OutcomeChangeRow,
  type Spread,
} from "~/domain/insights";

/**
 * The learning loop (docs/domain-guide.md, "Outcomes and what the scheme learns"): for each rule set,
 * whether people with similar needs get similar budgets, and whether budgets are systematically more or
 * less than what people plan to spend and actually spend, beside the change in their outcomes. Pure,
 * with the insights' disclosure control: nothing from fewer than SMALLEST_SHOWN people, and a lone
 * withheld cell of a table with a shown total takes the next smallest with it.
 */

/** Similar needs: budgets are compared within bands of this many points (0–9, 10–19, …). */
export const POINTS_BAND_WIDTH = 10;

/** The first point of the band a number of points falls in. */
export const pointsBandOf = (points: number) => Math.floor(points / POINTS_BAND_WIDTH) * POINTS_BAND_WIDTH;

/**
 * Spending within this many percent of the budget either way counts as "about the budget"; below it,
 * the budget was more than the person planned or spent; above it, less.
 */
export const ABOUT_THE_BUDGET_PERCENT = 5;

/** Where a person's planned or actual spend sits beside their budget. */
export const COMPARISONS = ["less", "about", "more"] as const;
export type Comparison = (typeof COMPARISONS)[number];

export function comparisonOf(percentOfBudget: number): Comparison {
  if (percentOfBudget < 100 - ABOUT_THE_BUDGET_PERCENT) return "less";
  if (percentOfBudget > 100 + ABOUT_THE_BUDGET_PERCENT) return "more";
  return "about";
}

/** Middle half of budgets in a band within this share of its median: similar needs get similar budgets. */
export const SIMILAR_SPREAD_PERCENT = 25;

/** One eligible person's budget worked out in the period, with what their plan and spending show. */
export interface LearningRow {
  /**
   * Stands for the person only within one calculation: never shown. Null for a row that stands for several
   * people (`people`) with no outcome change.
   */
  personKey: string | null;
  ruleSetId: string;
  points: number;
  /** A year's budget. */
  budgetPence: number;
  /** A year of the items of their newest signed-off plan, or null when none is signed off. */
  plannedPence: number | null;
  /** Spent against that plan up to the end of the period (less corrections), or null without one. */
  actualPence: number | null;
  /** The mean change of their outcome ratings at a review in the period, or null without one. */
  outcomeChange: number | null;
  /** How many people have this very row (identical rows are handed over once); 1 unless said. */
  people?: number;
}

/** How spending sits beside budgets for the people with a figure: the median share, and how many less, about or more. */
export interface BudgetComparison {
  people: Count;
  /** Planned (or actual) spend as a percentage of the budget, the middle value over people. */
  medianPercent: Figure;
  byComparison: Record<Comparison, Count>;
}

export interface BandFigures {
  fromPoints: number;
  toPoints: number;
  people: Count;
  budget: Spread;
  /** The middle half of budgets (upper less lower quartile) as a percentage of the median. */
  spreadPercent: Figure;
  /** Median planned spend as a percentage of the budget, for people in the band with a signed-off plan. */
  plannedPercent: Figure;
  /** Median change in outcome ratings, for people in the band reviewed in the period. */
  outcomeChange: Figure;
}

export interface RuleSetLearning {
  ruleSetId: string;
  people: Count;
  bands: BandFigures[];
  planned: BudgetComparison;
  actual: BudgetComparison;
  outcomeChange: Spread;
}

const hidden = { shown: false } as const;
const show = (value: number) => ({ shown: true, value }) as const;

function medianOf(values: readonly Counted[], withhold = false): Figure {
  if (withhold || countOf(values) < SMALLEST_SHOWN) return hidden;
  return show(quantileOfCounted(sortedCounted(values), 0.5));
}

const percentOf = (pence: number, budgetPence: number) => (pence / budgetPence) * 100;
/** A figure of a row, counted as many times as the people the row stands for. */
const counted = (row: LearningRow, value: number): Counted => ({ value, count: row.people ?? 1 });

/**
 * Whether a count of people with a figure (a plan, spending, a review) must be withheld: it is shown beside
 * the rule set's people, so the people without the figure are that total less it, a count like any other.
 */
function withoutFigureHidden(withFigure: number, groupSize: number): boolean {
  return cellsToWithhold([withFigure, groupSize - withFigure])[0]!;
}

function budgetComparison(percents: readonly Counted[], withhold: boolean, groupSize: number): BudgetComparison {
  const countsHidden = withhold || withoutFigureHidden(countOf(percents), groupSize);
  const counts = Object.fromEntries(
    COMPARISONS.map((c) => [c, countsHidden ? 0 : countOf(percents.filter((p) => comparisonOf(p.value) === c))]),
  ) as Record<Comparison, number>;
  const table = countTable(COMPARISONS, counts);
  return {
    people: countsHidden ? hidden : table.total,
    // A median is not a count: it gives away no one's figure, so it stands on the people it rests on.
    medianPercent: medianOf(percents, withhold),
    byComparison: table.cells,
  };
}

function outcomeSpread(reviewed: readonly LearningRow[], groupSize: number, withhold: boolean): Spread {
  const people = peopleIn(reviewed);
  const spread = spreadOfCounted(
    reviewed.map((r) => counted(r, r.outcomeChange!)),
    people,
    withhold,
  );
  return withoutFigureHidden(people, groupSize) ? { ...spread, people: hidden } : spread;
}

/** Each person's outcome change: the mean, over their outcomes reviewed in the period, of review less start. */
export function outcomeChangeByPerson(rows: readonly OutcomeChangeRow[]): Map<string, number> {
  const changes = new Map<string, number[]>();
  for (const row of rows)
    changes.set(row.personKey, [...(changes.get(row.personKey) ?? []), row.atReview - row.atStart]);
  return new Map([...changes].map(([key, list]) => [key, list.reduce((a, b) => a + b, 0) / list.length]));
}

/**
 * For each rule set (in the order of their ids), the figures of the learning loop. `belowThreshold` is the
 * number of people whose budget in the same period fell below the threshold: the budgets table shows one
 * row per rule set and one for them, suppressed together, so a rule set that table withholds is withheld
 * here too (otherwise its count here would give the withheld cell away).
 */
export function learningLoop(rows: readonly LearningRow[], belowThreshold: number): RuleSetLearning[] {
  const ruleSets = [...new Set(rows.map((r) => r.ruleSetId))].sort();
  const groups = ruleSets.map((id) => rows.filter((r) => r.ruleSetId === id));
  const withheldRuleSet = cellsToWithhold([...groups.map(peopleIn), belowThreshold]);
  return ruleSets.map((ruleSetId, i) => {
    const group = groups[i]!;
    const groupSize = peopleIn(group);
    const withhold = withheldRuleSet[i]!;
    const planned = group.filter((r) => r.plannedPence !== null && r.budgetPence > 0);
    const actual = group.filter((r) => r.actualPence !== null && r.budgetPence > 0);
    const reviewed = group.filter((r) => r.outcomeChange !== null);
    const bandStarts = group.map((r) => pointsBandOf(r.points));
    // A loop, not Math.min(...bandStarts): spreading 100,000 arguments can overflow the stack.
    const lowest = bandStarts.reduce((a, b) => Math.min(a, b), Infinity);
    const highest = bandStarts.reduce((a, b) => Math.max(a, b), -Infinity);
    const starts: number[] = [];
    if (!withhold) for (let b = lowest; b <= highest; b += POINTS_BAND_WIDTH) starts.push(b);
    const byBand = new Map<number, LearningRow[]>();
    group.forEach((r, k) => {
      const start = bandStarts[k]!;
      const band = byBand.get(start);
      if (band) band.push(r);
      else byBand.set(start, [r]);
    });
    const inBand = starts.map((start) => byBand.get(start) ?? []);
    const bandSizes = inBand.map(peopleIn);
    const withheldBand = cellsToWithhold(bandSizes);
    return {
      ruleSetId,
      people: withhold ? hidden : countCell(groupSize),
      bands: starts.map((fromPoints, b) => {
        const band = inBand[b]!;
        const bandHidden = withheldBand[b]!;
        const budget = spreadOfCounted(
          band.map((r) => counted(r, r.budgetPence)),
          bandSizes[b]!,
          bandHidden,
        );
        return {
          fromPoints,
          toPoints: fromPoints + POINTS_BAND_WIDTH - 1,
          people: bandHidden ? hidden : countCell(bandSizes[b]!),
          budget,
          spreadPercent:
            budget.median.shown && budget.lowerQuartile.shown && budget.upperQuartile.shown && budget.median.value > 0
              ? show(((budget.upperQuartile.value - budget.lowerQuartile.value) / budget.median.value) * 100)
              : hidden,
          plannedPercent: medianOf(
            band
              .filter((r) => r.plannedPence !== null && r.budgetPence > 0)
              .map((r) => counted(r, percentOf(r.plannedPence!, r.budgetPence))),
            bandHidden,
          ),
          outcomeChange: medianOf(
            band.filter((r) => r.outcomeChange !== null).map((r) => counted(r, r.outcomeChange!)),
            bandHidden,
          ),
        };
      }),
      planned: budgetComparison(
        planned.map((r) => counted(r, percentOf(r.plannedPence!, r.budgetPence))),
        withhold,
        groupSize,
      ),
      actual: budgetComparison(
        actual.map((r) => counted(r, percentOf(r.actualPence!, r.budgetPence))),
        withhold,
        groupSize,
      ),
      outcomeChange: outcomeSpread(reviewed, groupSize, withhold),
    };
  });
}
