import type { CalibrationError } from "~/domain/calibration";
import type { TrialCase, TrialSide, TrialSummary } from "~/domain/calibration-trial";
import type { Language } from "~/domain/languages";
import { formatMoney } from "~/lib/format";

type Done = {
  summary: TrialSummary;
  shown: TrialCase[];
  errors: CalibrationError[];
  errorCount: number;
  milliseconds: number;
};

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
      direction: c.change > 0 ? "up" : c.change < 0 ? "down" : "same",
    })),
    errors: result.errors,
    errorCount: result.errorCount,
  };
}

export type TrialView = ReturnType<typeof trialView>;
