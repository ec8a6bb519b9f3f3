import type { CalibrationError } from "~/domain/calibration";
import type { CostGap, FitSuggestion } from "~/domain/calibration-fit";
import type { TrialCase, TrialSide, TrialSummary } from "~/domain/calibration-trial";
import type { Language } from "~/domain/languages";
import { formatMoney } from "~/lib/format";

type Done = {
  summary: TrialSummary;
  shown: TrialCase[];
  errors: CalibrationError[];
  errorCount: number;
  milliseconds: number;
  fit: { gap: CostGap; suggestion: FitSuggestion } | null;
};

/** Money with its sign written out: "+£120", "−£1,200.50", "£0". */
function signedMoney(pence: number, lang: Language): string {
  if (pence === 0) return formatMoney(0, lang);
  return `${pence > 0 ? "+" : "−"}${formatMoney(Math.abs(pence), lang)}`;
}

/** The fit to current costs as the page shows it: every figure formatted; the page puts them into words. */
function fitView(fit: NonNullable<Done["fit"]>, lang: Language) {
  const money = (pence: number) => formatMoney(pence, lang);
  const { gap, suggestion: s } = fit;
  const common =
    s.form === "none"
      ? null
      : {
          fitted: s.fitted,
          notEligible: s.notEligible,
          fittedTotal: money(s.fittedTotalPence),
          estimatedTotal: money(s.estimatedTotalPence),
          ceiling: s.ceilingPence === null ? null : money(s.ceilingPence),
          scaled: s.scaled,
        };
  return {
    cases: gap.cases,
    costs: money(gap.costPence),
    budgets: money(gap.budgetPence),
    gap: signedMoney(gap.gapPence, lang),
    meanGap: money(gap.meanAbsoluteGapPence),
    suggestion:
      s.form === "none"
        ? { form: "none" as const, reason: s.reason }
        : s.form === "price"
          ? {
              form: "price" as const,
              ...common!,
              current: money(s.currentPounds * 100),
              leastSquares: money(s.leastSquaresPence),
              fittedPrice: money(s.fittedPounds * 100),
              suggested: money(s.suggestedPounds * 100),
            }
          : {
              form: "bands" as const,
              ...common!,
              bands: s.bands.map((b) => ({
                from: b.from,
                to: b.to,
                current: money(b.currentPounds * 100),
                fittedAmount: money(b.fittedPounds * 100),
                suggested: money(b.suggestedPounds * 100),
                cases: b.fitted,
              })),
            },
  };
}

/** A trial's figures as the page shows them: money formatted, the chart's bars in proportion. */
export function trialView(result: Done, lang: Language) {
  const pounds = (amount: number) => formatMoney(amount * 100, lang);
  const side = (s: TrialSide) => ({
    eligible: s.eligible,
    total: pounds(s.total),
    median: formatMoney(s.medianPence, lang),
    nhs: pounds(s.nhs),
    council: pounds(s.council),
  });
  const { summary } = result;
  const largest = Math.max(1, ...summary.distribution.flatMap((b) => [b.draft, b.current]));
  return {
    cases: summary.cases,
    draft: side(summary.draft),
    current: side(summary.current),
    up: summary.up,
    down: summary.down,
    same: summary.same,
    seconds: (result.milliseconds / 1000).toFixed(1),
    buckets: summary.distribution.map((b) => ({
      none: b.to === 0,
      range: b.to === 0 ? "" : `${pounds(b.from)}–${pounds(b.to)}`,
      draft: b.draft,
      current: b.current,
      draftShare: b.draft / largest,
      currentShare: b.current / largest,
    })),
    perCase: result.shown.map((c) => ({
      n: c.n,
      case: c.draft.case,
      points: c.draft.points,
      draft: {
        eligible: c.draft.eligible,
        nhs: pounds(c.draft.nhs),
        council: pounds(c.draft.council),
        total: pounds(c.draft.total),
      },
      current: { eligible: c.current.eligible, total: pounds(c.current.total) },
      flags: c.draft.flags,
      change: c.change === 0 ? null : `${c.change > 0 ? "+" : "−"}${pounds(Math.abs(c.change))}`,
      cost: c.draft.cost === undefined ? null : formatMoney(Math.round(c.draft.cost * 100), lang),
      gap: c.draft.gap === undefined ? null : signedMoney(Math.round(c.draft.gap * 100), lang),
      direction: c.change > 0 ? "up" : c.change < 0 ? "down" : "same",
    })),
    errors: result.errors,
    errorCount: result.errorCount,
    costs: result.fit ? fitView(result.fit, lang) : null,
  };
}

export type TrialView = Awaited<ReturnType<typeof trialView>>;
