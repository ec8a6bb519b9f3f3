import { AllocationInputError, allocateBudget, type AllocationFlag } from "./allocation";
import { INFORMAL_SUPPORT, type InformalSupport, type NeedAreaKey, type RuleSet } from "./rule-set";

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

/** Where each wanted column sits in the file. */
export type CalibrationColumns = { width: number; index: (name: string) => number };

/**
 * Checks a calibration file's header: `case`, every need-area key and `informal`, and optionally
 * `category` (the category id each case is placed in, empty for none), in any order, each once and
 * nothing else. Throws CalibrationFileError naming every problem.
 */
export function calibrationColumns(
  header: readonly string[],
  needAreaKeys: readonly NeedAreaKey[],
): CalibrationColumns {
  const wanted = ["case", ...needAreaKeys, "informal"];
  const problems: string[] = [];
  for (const name of wanted) if (!header.includes(name)) problems.push(`column ${name} is missing`);
  for (const name of header)
    if (!wanted.includes(name) && name !== "category") problems.push(`column "${name}" is not expected`);
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
): { ok: true; row: CalibrationRow } | { ok: false; message: string } {
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
  return {
    ok: true,
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
    },
  };
}
