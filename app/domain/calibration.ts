import { AllocationInputError, allocateBudget, type AllocationFlag } from "./allocation";
import type { FitCase } from "./calibration-fit";
import type { RuleSet } from "./rule-set";
import { INFORMAL_SUPPORT, type InformalSupport, type NeedAreaKey } from "~/domain/choices";

/**
 * Calibration: a commissioner runs a spreadsheet of test cases through a rule set (published or
 * draft) before publishing it. These are the rules for one header and one row; reading a file (streamed,
 * with csv-parse) is app/lib/calibration-csv.server.ts, used by the CLI (scripts/allocate.ts).
 */

/** One case's figures, money in whole pounds (every result is a multiple of £10, or the maximum). */
export type CalibrationRow = {
  case: string;
  points: number;
  eligible: boolean;
  nhs: number;
  council: number;
  total: number;
  /** Pounds and pence, e.g. "230.77". */
  weekly: string;
  flags: AllocationFlag[];
  /** The category whose amount the budget follows, when it does (a rule set with categories). */
  category?: string;
  /** The case's current package cost in pounds, when the file has a `current_cost` column and the case one. */
  cost?: number;
  /** The budget less the current cost, in pounds (negative: the budget is short of the cost). */
  gap?: number;
};

/** A row that could not be worked out; `line` counts from 1 = the header. */
export type CalibrationError = { line: number; message: string };

/** The header itself is unusable: nothing can be read from the file. */
export class CalibrationFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`The CSV file cannot be read: ${problems.join("; ")}`);
    this.name = "CalibrationFileError";
  }
}

/** Pence as pounds with two decimals: 23077 → "230.77". */
export function penceToPoundsString(pence: number): string {
  return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, "0")}`;
}

/** The optional columns a calibration file may carry beside the case, the ratings and `informal`. */
export const OPTIONAL_COLUMNS = ["category", "current_cost"] as const;

/**
 * An amount of pounds as a commissioner writes it (a case's current cost, the total to fit within): up to
 * two decimals for pence, an optional £ sign and commas between thousands ("5200", "5200.5", "£5,200.50").
 * Returns pence, or null when it is not an amount (a comma elsewhere, as in "52,00", is refused, not guessed).
 */
export function costPence(text: string): number | null {
  const match = /^£?(\d{1,3}(?:,\d{3})+|\d{1,10})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]!.replaceAll(",", "")) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
}

/** Where each wanted column sits in the file. */
export type CalibrationColumns = { width: number; index: (name: string) => number };

/**
 * Checks a calibration file's header: `case`, every need-area key and `informal`, and optionally
 * `category` (the category id each case is placed in, empty for none) and `current_cost` (the case's
 * current package cost, pounds a year, empty for none), in any order, each once and nothing else.
 * Throws CalibrationFileError naming every problem.
 */
export function calibrationColumns(
  header: readonly string[],
  needAreaKeys: readonly NeedAreaKey[],
): CalibrationColumns {
  const wanted = ["case", ...needAreaKeys, "informal"];
  const problems: string[] = [];
  for (const name of wanted) if (!header.includes(name)) problems.push(`column ${name} is missing`);
  for (const name of header)
    if (!wanted.includes(name) && !(OPTIONAL_COLUMNS as readonly string[]).includes(name))
      problems.push(`column "${name}" is not expected`);
  header.forEach((name, i) => {
    if (header.indexOf(name) !== i) problems.push(`column ${name} appears twice`);
  });
  if (problems.length) throw new CalibrationFileError(problems);
  return { width: header.length, index: (name) => header.indexOf(name) };
}

/**
 * Works out one case (one row's fields, already split and trimmed). A bad row comes back as the
 * message to show with its line number; it never stops the other rows.
 */
export function calibrateRow(
  fields: readonly string[],
  columns: CalibrationColumns,
  ruleSet: RuleSet,
  needAreaKeys: readonly NeedAreaKey[],
): { ok: true; row: CalibrationRow; fit: FitCase } | { ok: false; message: string } {
  if (fields.length !== columns.width)
    return { ok: false, message: `has ${fields.length} columns; the header has ${columns.width}` };
  const rowProblems: string[] = [];
  const ratings = {} as Record<NeedAreaKey, number>;
  for (const key of needAreaKeys) {
    const value = fields[columns.index(key)]!;
    if (!/^[0-4]$/.test(value)) rowProblems.push(`${key} is "${value}"; a rating must be a whole number from 0 to 4`);
    ratings[key] = Number(value);
  }
  const informal = fields[columns.index("informal")]!;
  if (!(INFORMAL_SUPPORT as readonly string[]).includes(informal))
    rowProblems.push(`informal is "${informal}"; it must be one of ${INFORMAL_SUPPORT.join(", ")}`);
  const costAt = columns.index("current_cost");
  const costText = costAt >= 0 ? fields[costAt]! : "";
  const cost = costText === "" ? null : costPence(costText);
  if (costText !== "" && cost === null)
    rowProblems.push(`current_cost is "${costText}"; a cost must be pounds a year, for example 5200 or 5200.50`);
  if (rowProblems.length) return { ok: false, message: rowProblems.join("; ") };
  // A rule set without categories works the case out by points alone, so a file with a category
  // column can be tried against the rule set in force whatever its form.
  const categoryAt = columns.index("category");
  const placed = categoryAt >= 0 ? fields[categoryAt]! : "";
  const category = placed !== "" && ruleSet.categories ? placed : undefined;
  let result;
  try {
    result = allocateBudget(ruleSet, { ratings, informal: informal as InformalSupport, category });
  } catch (error) {
    if (!(error instanceof AllocationInputError)) throw error;
    return { ok: false, message: error.problems.join("; ") };
  }
  const multiplier = ruleSet.informalMultipliers[informal as InformalSupport];
  return {
    ok: true,
    fit: {
      points: result.points,
      eligible: result.eligible,
      weighted: hundredths(result.nhsPoints) * 100 + hundredths(result.councilPoints) * multiplier,
      totalPence: result.totalPence,
      costPence: cost,
    },
    row: {
      case: fields[columns.index("case")]!,
      points: result.points,
      eligible: result.eligible,
      nhs: result.nhsPence / 100,
      council: result.councilPence / 100,
      total: result.totalPence / 100,
      weekly: penceToPoundsString(result.weeklyPence),
      flags: result.flags,
      ...(result.categoryId ? { category: result.categoryId } : {}),
      ...(cost === null ? {} : { cost: cost / 100, gap: (result.totalPence - cost) / 100 }),
    },
  };
}

/** "25.7" (an allocation's fractional points, written exactly to two places) as 2570 hundredths. */
function hundredths(points: string): number {
  const [whole, fraction = ""] = points.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}
