import type { CalibrationRow } from "./calibration";

/**
 * Trying a draft rule set against a file of cases (calibrate before publishing): each case
 * under the draft beside the rule set in force, and the whole file summed up. Money in whole pounds,
 * as the calibration rows are; medians in pence (the middle of two amounts may be a half pound).
 */

export type TrialCase = { n: number; draft: CalibrationRow; current: CalibrationRow; change: number };

export type TrialSide = {
  /** People with a budget (eligible). */
  eligible: number;
  total: number;
  /** The middle budget of those eligible, in pence; 0 when nobody is. */
  medianPence: number;
  nhs: number;
  council: number;
};

export type TrialBucket = { from: number; to: number; draft: number; current: number };

export type TrialSummary = {
  cases: number;
  draft: TrialSide;
  current: TrialSide;
  up: number;
  down: number;
  same: number;
  /** The first bucket is "no budget" (from = to = 0); then equal steps up to the largest budget. */
  distribution: TrialBucket[];
};

/** How many cases a trial page lists one by one; the whole file is always summed up. */
export const CASES_SHOWN = 100;

/** Sums up cases as they stream past: memory grows only by two numbers a case (for medians and the chart). */
export class TrialTally {
  private draftTotals: number[] = [];
  private currentTotals: number[] = [];
  private sides = { draft: emptySide(), current: emptySide() };
  private moves = { up: 0, down: 0, same: 0 };
  readonly shown: TrialCase[] = [];

  add(n: number, draft: CalibrationRow, current: CalibrationRow): void {
    const change = draft.total - current.total;
    if (this.shown.length < CASES_SHOWN) this.shown.push({ n, draft, current, change });
    this.draftTotals.push(draft.total);
    this.currentTotals.push(current.total);
    addTo(this.sides.draft, draft);
    addTo(this.sides.current, current);
    if (change > 0) this.moves.up++;
    else if (change < 0) this.moves.down++;
    else this.moves.same++;
  }

  summary(): TrialSummary {
    return {
      cases: this.draftTotals.length,
      draft: { ...this.sides.draft, medianPence: medianPence(this.draftTotals) },
      current: { ...this.sides.current, medianPence: medianPence(this.currentTotals) },
      ...this.moves,
      distribution: distribution(this.draftTotals, this.currentTotals),
    };
  }
}

function emptySide(): Omit<TrialSide, "medianPence"> & { medianPence: number } {
  return { eligible: 0, total: 0, medianPence: 0, nhs: 0, council: 0 };
}

function addTo(side: TrialSide, row: CalibrationRow): void {
  if (row.eligible) side.eligible++;
  side.total += row.total;
  side.nhs += row.nhs;
  side.council += row.council;
}

/** The middle of the budgets above £0, in pence (the mean of the two middle ones for an even count). */
export function medianPence(totals: readonly number[]): number {
  const budgets = Float64Array.from(totals.filter((t) => t > 0)).sort();
  if (budgets.length === 0) return 0;
  const mid = budgets.length >> 1;
  return budgets.length % 2 === 1 ? budgets[mid]! * 100 : (budgets[mid - 1]! + budgets[mid]!) * 50;
}

const STEPS = [500, 1000, 2000, 2500, 5000, 10_000, 20_000, 25_000, 50_000, 100_000];

/** "No budget", then about ten equal steps (a round amount) up to the largest budget of either rule set. */
export function distribution(draft: readonly number[], current: readonly number[]): TrialBucket[] {
  let largest = 0;
  for (const t of draft) if (t > largest) largest = t;
  for (const t of current) if (t > largest) largest = t;
  const step = STEPS.find((s) => s * 10 >= largest) ?? Math.ceil(largest / 10);
  const count = Math.max(1, Math.ceil(largest / step));
  const buckets: TrialBucket[] = [{ from: 0, to: 0, draft: 0, current: 0 }];
  for (let i = 0; i < count; i++) buckets.push({ from: i * step + 1, to: (i + 1) * step, draft: 0, current: 0 });
  const place = (total: number) => (total <= 0 ? 0 : Math.min(count, Math.ceil(total / step)));
  for (const t of draft) buckets[place(t)]!.draft++;
  for (const t of current) buckets[place(t)]!.current++;
  return buckets;
}

/** A file of cases for the trial page: 100,000 cases are about 4 MB; 32 MB leaves room and stays bounded. */
export const CASES_FILE_MAX_BYTES = 32 * 1024 * 1024;
