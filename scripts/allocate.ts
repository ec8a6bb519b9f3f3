/**
 * Calibration CLI: runs a CSV of test cases through a rule set.
 *
 *   node --import tsx scripts/allocate.ts FILE.csv [--rules ID-or-PATH] [--total POUNDS]
 *
 * --rules takes a published rule set id (content/rule-sets/<id>.json) or a path to a draft file;
 * the default is $ACTIVE_RULE_SET, else example-2026-1. Prints a JSON array of results on stdout,
 * one row at a time as each is worked out (the file is streamed: any length in bounded memory), and
 * each bad row on stderr. When the file has a `current_cost` column, each row carries its cost and gap,
 * and the fit to those costs (app/domain/calibration-fit.ts, the same as the trial page's) is written
 * on stderr after the rows, within --total (pounds a year for the whole file) if given.
 * Exit 0: all rows fine; 1: some rows bad; 2: file, rules or total unreadable.
 */
import { createReadStream } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import type { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { activeRuleSetId, loadRuleSet } from "../app/content/rule-sets.server";
import { CalibrationFileError, costPence } from "../app/domain/calibration";
import { CostFit, type CostGap, type FitSuggestion } from "../app/domain/calibration-fit";
import { calibrateCsv } from "../app/lib/calibration-csv.server";

export { loadRuleSet };

/** Writes and waits when the reader is slower (a pipe to another program, a slow disk). */
async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

export async function main(
  argv: string[],
  io: { stdout: Writable; stderr: Writable } = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let csvPath: string | undefined;
  let ref = activeRuleSetId();
  let total: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--rules") ref = argv[++i] ?? "";
    else if (arg.startsWith("--rules=")) ref = arg.slice("--rules=".length);
    else if (arg === "--total") total = argv[++i] ?? "";
    else if (arg.startsWith("--total=")) total = arg.slice("--total=".length);
    else if (csvPath === undefined && !arg.startsWith("--")) csvPath = arg;
    else {
      io.stderr.write(`Unexpected argument: ${arg}\n`);
      csvPath = undefined;
      break;
    }
  }
  if (!csvPath || !ref) {
    io.stderr.write("Usage: node --import tsx scripts/allocate.ts FILE.csv [--rules ID-or-PATH] [--total POUNDS]\n");
    return 2;
  }
  const ceilingPence = total === undefined ? null : costPence(total);
  if (total !== undefined && ceilingPence === null) {
    io.stderr.write(`--total is "${total}"; it must be pounds a year for the whole file, for example 2500000\n`);
    return 2;
  }

  let rows = 0;
  // Rows go out in blocks of about 64 KB: one write per row would cost more than working it out.
  let pending = "";
  try {
    const ruleSet = loadRuleSet(ref);
    const fit = new CostFit(ruleSet);
    let bad = 0;
    for await (const event of calibrateCsv(createReadStream(csvPath, { highWaterMark: 256 * 1024 }), ruleSet)) {
      if (event.kind === "error") {
        bad++;
        await write(io.stderr, `${csvPath} line ${event.line}: ${event.message}\n`);
        continue;
      }
      fit.add(event.fit);
      pending += `${rows++ === 0 ? "[\n" : ",\n"}  ${JSON.stringify(event.row)}`;
      if (pending.length > 64 * 1024) {
        await write(io.stdout, pending);
        pending = "";
      }
    }
    await write(io.stdout, `${pending}${rows === 0 ? "[]\n" : "\n]\n"}`);
    const gap = fit.gap();
    if (gap.cases > 0) await write(io.stderr, fitWords(gap, fit.suggest(ceilingPence)));
    return bad ? 1 : 0;
  } catch (error) {
    // Rows already printed stay valid JSON: the array is closed before saying why it stopped.
    if (rows > 0) io.stdout.write(`${pending}\n]\n`);
    if (error instanceof CalibrationFileError) io.stderr.write(`${csvPath}: ${error.message}\n`);
    else io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

const pounds = (pence: number) =>
  `${pence < 0 ? "−" : ""}£${(Math.abs(pence) / 100).toLocaleString("en-GB", {
    minimumFractionDigits: pence % 100 ? 2 : 0,
    maximumFractionDigits: 2,
  })}`;

/** The fit in plain words, as the trial page says it (in English). */
function fitWords(gap: CostGap, fit: FitSuggestion): string {
  const lines = [
    `Fitting to current costs: ${gap.cases} cases have a cost.`,
    `  Under these rules their budgets come to ${pounds(gap.budgetPence)} and their costs to ${pounds(gap.costPence)}: ` +
      `a gap of ${pounds(gap.gapPence)} (budgets less costs); a case is ${pounds(gap.meanAbsoluteGapPence)} off on average.`,
  ];
  if (fit.form === "none")
    lines.push(
      {
        categories: "  No price is suggested: the money of a rule set with categories follows the category.",
        "no-costs": "  No price is suggested: no case has a cost.",
        "none-eligible": "  No price is suggested: no case with a cost is eligible under these rules.",
      }[fit.reason],
    );
  else {
    if (fit.form === "price") {
      lines.push(
        `  Least squares (the price that makes the sum of the squared gaps smallest), over the ${fit.fitted} eligible cases with a cost: ` +
          `${pounds(fit.leastSquaresPence)} a point, ${pounds(fit.fittedPounds * 100)} in whole pounds.`,
      );
      if (fit.scaled && fit.ceilingPence !== null)
        lines.push(
          `  At ${pounds(fit.fittedPounds * 100)} the file's budgets would come to about ${pounds(fit.fittedTotalPence)}, above the total of ` +
            `${pounds(fit.ceilingPence)}, so the price is scaled down to the largest whole-pound price within it.`,
        );
      lines.push(
        `  Suggested price per point: ${pounds(fit.suggestedPounds * 100)} (these rules: ${pounds(fit.currentPounds * 100)}).`,
      );
    } else {
      lines.push(
        `  Least squares (the amount that makes the sum of the squared gaps smallest), band by band, over the ${fit.fitted} eligible cases with a cost; a band with none keeps its amount.`,
      );
      if (fit.scaled && fit.ceilingPence !== null)
        lines.push(
          `  Those amounts would bring the file's budgets to about ${pounds(fit.fittedTotalPence)}, above the total of ` +
            `${pounds(fit.ceilingPence)}, so every band is scaled down in proportion and rounded down to whole pounds.`,
        );
      for (const band of fit.bands)
        lines.push(
          `  Suggested amount for ${band.from} to ${band.to} points: ${pounds(band.suggestedPounds * 100)} (these rules: ${pounds(band.currentPounds * 100)}; fitted on ${band.fitted} cases).`,
        );
    }
    lines.push(
      `  The file's budgets would then come to about ${pounds(fit.estimatedTotalPence)} (before rounding each to £10 and before the usual maximum).`,
    );
    if (fit.notEligible > 0)
      lines.push(
        `  Cases with a cost that get no budget under these rules, so no price moves them: ${fit.notEligible}.`,
      );
  }
  return `${lines.join("\n")}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
