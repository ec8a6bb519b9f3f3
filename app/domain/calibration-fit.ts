import type { RuleSet } from "./rule-set";

/**
 * Fitting a draft rule set to real costs (docs/domain-guide.md, "Fitting to current costs"): a
 * file of cases may carry each case's current package cost. The page and the calibration command then
 * show the gap between the draft's budget and the cost, case by case and in total, and suggest the price
 * per point (or, for a banded rule set, the band amounts) that best matches the costs, within a total
 * the commissioner sets. Pure; the words around the figures are the page's and the command's.
 *
 * How it fits, exactly:
 * 1. A case's budget under a price per point is, before rounding to £10 and before the usual maximum,
 *    price × weighted points, where weighted points = NHS points + council points × the informal-support
 *    multiplier (step 3 and 4 of the allocation). Under bands it is the band's amount × weighted points ÷
 *    points. So the budget is the figure to fit (price, or a band's amount) times a number known per case.
 * 2. Least squares: the figure that makes the sum of the squared gaps (budget less cost) smallest, over
 *    the cases that have a cost and that the draft makes eligible: Σ(x × cost) ÷ Σ(x²), x being that known
 *    number. Each band is fitted on its own cases; a band with no such case keeps its amount.
 * 3. Rounded to whole pounds (rule sets are in whole pounds).
 * 4. The total: the same estimate for every case the draft makes eligible (with a cost or not). When it is
 *    above the total the commissioner set, the price (or every band's amount, in proportion) is scaled down
 *    and rounded down to whole pounds, so the estimate is within it.
 * Cases under the threshold (or in a band paying nothing) are not fitted: no price moves them.
 */

/** What the fit needs from one case worked out under the draft. */
export interface FitCase {
  points: number;
  eligible: boolean;
  /** NHS points + council points × the informal multiplier (a percentage), in ten-thousandths of a point. */
  weighted: number;
  /** The draft's budget for the case, in pence. */
  totalPence: number;
  /** The case's current package cost in pence, or null when the file gives none. */
  costPence: number | null;
}

/** The gap between the draft's budgets and the current costs, over the cases with a cost. */
export interface CostGap {
  cases: number;
  costPence: number;
  budgetPence: number;
  /** Budgets less costs: negative when the draft gives less than the costs. */
  gapPence: number;
  /** The mean of each case's gap ignoring its sign: how far off a case typically is. */
  meanAbsoluteGapPence: number;
}

export function costGap(cases: readonly FitCase[], ruleSet: RuleSet): CostGap {
  const fit = new CostFit(ruleSet);
  for (const c of cases) fit.add(c);
  return fit.gap();
}

export interface FittedBand {
  from: number;
  to: number;
  currentPounds: number;
  /** The least-squares amount in whole pounds, before any scaling. */
  fittedPounds: number;
  suggestedPounds: number;
  /** Cases with a cost fitted in this band. */
  fitted: number;
}

interface Fitted {
  /** Cases with a cost that the draft makes eligible: the ones fitted. */
  fitted: number;
  /** Cases with a cost that the draft leaves without a budget: no price can move them. */
  notEligible: number;
  /** The file's budgets at the least-squares figures in whole pounds, before any scaling, estimated as in step 4 (pence). */
  fittedTotalPence: number;
  /** The file's budgets at the suggestion, estimated as in step 4 (pence). */
  estimatedTotalPence: number;
  /** The total the commissioner set (pence), if any. */
  ceilingPence: number | null;
  /** Whether the least-squares figures were scaled down to stay within that total. */
  scaled: boolean;
}

export type FitSuggestion =
  | ({
      form: "price";
      currentPounds: number;
      /** The least-squares price before rounding, in pence (to the nearest penny). */
      leastSquaresPence: number;
      /** That price in whole pounds, before any scaling. */
      fittedPounds: number;
      suggestedPounds: number;
    } & Fitted)
  | ({ form: "bands"; bands: FittedBand[] } & Fitted)
  | { form: "none"; reason: "categories" | "no-costs" | "none-eligible" };

/** The largest amount a rule set may hold (app/domain/rule-set.ts). */
const MAX_POUNDS = 1_000_000;
const clampPounds = (pounds: number) => Math.min(MAX_POUNDS, Math.max(0, pounds));

/** Running sums for a least-squares fit of y ≈ a × x: a = Σxy ÷ Σx². */
class Sums {
  xy = 0;
  xx = 0;
  /** Cases fitted. */
  n = 0;
  /** Σx over every eligible case, with a cost or not: the total at a is a × this. */
  x = 0;
  get a(): number | null {
    return this.xx === 0 ? null : this.xy / this.xx;
  }
}

/**
 * The fit, summed up as cases stream past (the page and the command read files of any length): memory is a
 * few numbers per band, never a number per case.
 */
export class CostFit {
  private readonly sums: Sums[];
  private costed = 0;
  private notEligible = 0;
  private costPence = 0;
  private budgetPence = 0;
  private absoluteGap = 0;

  constructor(private readonly ruleSet: RuleSet) {
    this.sums = (ruleSet.bands ?? [null]).map(() => new Sums());
  }

  /** Which sums a case belongs to: the one price, or its band (above the last band: paid as the last). */
  private slot(points: number): number {
    const bands = this.ruleSet.bands;
    if (!bands) return 0;
    if (points > bands[bands.length - 1]!.to) return bands.length - 1;
    return bands.findIndex((b) => points >= b.from && points <= b.to);
  }

  add(c: FitCase): void {
    if (c.costPence !== null) {
      this.costed++;
      this.costPence += c.costPence;
      this.budgetPence += c.totalPence;
      this.absoluteGap += Math.abs(c.totalPence - c.costPence);
    }
    if (!c.eligible || c.points <= 0) {
      if (c.costPence !== null) this.notEligible++;
      return;
    }
    // Price: x = weighted points. Bands: x = weighted points ÷ points, the share of the band's amount.
    const weighted = c.weighted / 10_000;
    const x = this.ruleSet.bands ? weighted / c.points : weighted;
    const sums = this.sums[this.slot(c.points)];
    if (!sums) return;
    sums.x += x;
    if (c.costPence === null) return;
    sums.n++;
    sums.xy += x * c.costPence;
    sums.xx += x * x;
  }

  gap(): CostGap {
    return {
      cases: this.costed,
      costPence: this.costPence,
      budgetPence: this.budgetPence,
      gapPence: this.budgetPence - this.costPence,
      meanAbsoluteGapPence: this.costed === 0 ? 0 : Math.round(this.absoluteGap / this.costed),
    };
  }

  /** The suggestion within `ceilingPence` (the total the commissioner set), if any. */
  suggest(ceilingPence: number | null): FitSuggestion {
    const ruleSet = this.ruleSet;
    // A rule set with categories is not fitted: its money follows the category, not a price.
    if (ruleSet.categories) return { form: "none", reason: "categories" };
    if (this.costed === 0) return { form: "none", reason: "no-costs" };
    const fitted = this.sums.reduce((n, s) => n + s.n, 0);
    if (fitted === 0) return { form: "none", reason: "none-eligible" };

    if (ruleSet.bands === undefined) {
      const sums = this.sums[0]!;
      const perPointPence = sums.a ?? 0;
      const fittedPounds = clampPounds(Math.round(perPointPence / 100));
      let suggestedPounds = fittedPounds;
      let scaled = false;
      if (ceilingPence !== null && suggestedPounds * 100 * sums.x > ceilingPence) {
        suggestedPounds = clampPounds(Math.floor(ceilingPence / 100 / sums.x));
        scaled = true;
      }
      return {
        form: "price",
        currentPounds: ruleSet.pricePerPointPounds ?? 0,
        leastSquaresPence: Math.round(perPointPence),
        fittedPounds,
        suggestedPounds,
        fitted,
        notEligible: this.notEligible,
        fittedTotalPence: Math.round(fittedPounds * 100 * sums.x),
        estimatedTotalPence: Math.round(suggestedPounds * 100 * sums.x),
        ceilingPence,
        scaled,
      };
    }

    let bands: FittedBand[] = ruleSet.bands.map((band, i) => {
      const a = this.sums[i]!.a;
      // A band paying nothing is the threshold: nobody in it is eligible, so it stays at nothing. A band
      // with no case to fit keeps its amount.
      const fittedPounds = a === null ? band.amountPounds : clampPounds(Math.round(a / 100));
      return {
        from: band.from,
        to: band.to,
        currentPounds: band.amountPounds,
        fittedPounds,
        suggestedPounds: fittedPounds,
        fitted: this.sums[i]!.n,
      };
    });
    const estimate = (amounts: readonly FittedBand[]) =>
      amounts.reduce((sum, b, i) => sum + b.suggestedPounds * 100 * this.sums[i]!.x, 0);
    let scaled = false;
    const before = estimate(bands);
    if (ceilingPence !== null && before > ceilingPence) {
      const factor = ceilingPence / before;
      bands = bands.map((b) => ({ ...b, suggestedPounds: Math.floor(b.suggestedPounds * factor) }));
      scaled = true;
    }
    return {
      form: "bands",
      bands,
      fitted,
      notEligible: this.notEligible,
      fittedTotalPence: Math.round(before),
      estimatedTotalPence: Math.round(estimate(bands)),
      ceilingPence,
      scaled,
    };
  }
}

/** The suggestion for a draft from a list of its cases (as CostFit, all at once). */
export function suggestFit(cases: readonly FitCase[], ruleSet: RuleSet, ceilingPence: number | null): FitSuggestion {
  const fit = new CostFit(ruleSet);
  for (const c of cases) fit.add(c);
  return fit.suggest(ceilingPence);
}
