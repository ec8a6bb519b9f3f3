import { CalibrationFileError, type CalibrationError, type CalibrationRow } from "~/domain/calibration";
import { CostFit, type CostGap, type FitSuggestion } from "~/domain/calibration-fit";
import { TrialTally, type TrialCase, type TrialSummary } from "~/domain/calibration-trial";
import type { RuleSet } from "~/domain/rule-set";
import { calibrateCsv } from "~/lib/calibration-csv.server";

/** The most bad rows listed on the page (the count is always given). */
const ERRORS_SHOWN = 200;

export type TrialResult =
  | {
      ok: true;
      summary: TrialSummary;
      shown: TrialCase[];
      errors: CalibrationError[];
      errorCount: number;
      milliseconds: number;
      /** The fit to current costs, when the file gives any (the same as the calibration command's). */
      fit: { gap: CostGap; suggestion: FitSuggestion } | null;
    }
  | { ok: false; problems: string[] };

/** The file in chunks, as a stream would hand it over, so the reader never holds one huge string. */
async function* chunks(bytes: Uint8Array, size = 256 * 1024): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/**
 * Runs a calibration file through the draft and through the rule set in force, with the same
 * streaming reader as the calibration command (app/lib/calibration-csv.server.ts), so the page's
 * figures are the command's figures. Bad rows are listed by line number; the others still count.
 */
export async function runTrial(
  bytes: Uint8Array,
  draft: RuleSet,
  current: RuleSet,
  ceilingPence: number | null = null,
): Promise<TrialResult> {
  const started = performance.now();
  const fit = new CostFit(draft);
  const draftRows: CalibrationRow[] = [];
  const errors: CalibrationError[] = [];
  let errorCount = 0;
  try {
    for await (const event of calibrateCsv(chunks(bytes), draft)) {
      if (event.kind === "row") {
        draftRows.push(event.row);
        fit.add(event.fit);
      } else if (errorCount++ < ERRORS_SHOWN) errors.push({ line: event.line, message: event.message });
    }
    const tally = new TrialTally();
    let i = 0;
    // The same rows in the same order under the rule set in force; bad rows are bad under both.
    for await (const event of calibrateCsv(chunks(bytes), current)) {
      if (event.kind !== "row") continue;
      const draftRow = draftRows[i]!;
      tally.add(i + 1, draftRow, event.row);
      i++;
    }
    return {
      ok: true,
      summary: tally.summary(),
      shown: tally.shown,
      errors,
      errorCount,
      milliseconds: Math.round(performance.now() - started),
      fit: fit.gap().cases > 0 ? { gap: fit.gap(), suggestion: fit.suggest(ceilingPence) } : null,
    };
  } catch (error) {
    if (error instanceof CalibrationFileError) return { ok: false, problems: error.problems };
    throw error;
  }
}
