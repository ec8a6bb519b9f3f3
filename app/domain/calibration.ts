import { AllocationInputError, allocateBudget, type AllocationFlag } from "./allocation";
import { INFORMAL_SUPPORT, type InformalSupport, type NeedAreaKey, type RuleSet } from "./rule-set";

/**
 * Calibration: a commissioner runs a spreadsheet of test cases through a rule set (published or
 * draft) before publishing it. The CLI (scripts/allocate.ts) is a thin wrapper around this.
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

/** Splits one CSV line; fields may be quoted ("a, b" and "" for a quote). No newlines inside fields. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      fields.push(field.trim());
      field = "";
    } else field += ch;
  }
  fields.push(field.trim());
  return fields;
}

/** Pence as pounds with two decimals: 23077 → "230.77". */
export function penceToPoundsString(pence: number): string {
  return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, "0")}`;
}

/**
 * Works out every row of a calibration CSV. Header: `case`, every need-area key and `informal`,
 * in any order. Bad rows are returned as errors and do not stop the others.
 * Throws CalibrationFileError if the header is unusable.
 */
export function allocateCsv(
  csvText: string,
  ruleSet: RuleSet,
  needAreaKeys: readonly NeedAreaKey[],
): { rows: CalibrationRow[]; errors: CalibrationError[] } {
  const lines = csvText.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? "");
  const wanted = ["case", ...needAreaKeys, "informal"];
  const problems: string[] = [];
  for (const name of wanted) if (!header.includes(name)) problems.push(`column ${name} is missing`);
  for (const name of header) if (!wanted.includes(name)) problems.push(`column "${name}" is not expected`);
  header.forEach((name, i) => {
    if (header.indexOf(name) !== i) problems.push(`column ${name} appears twice`);
  });
  if (problems.length) throw new CalibrationFileError(problems);
  const column = (name: string) => header.indexOf(name);

  const rows: CalibrationRow[] = [];
  const errors: CalibrationError[] = [];
  lines.forEach((text, index) => {
    const line = index + 1;
    if (index === 0 || text.trim() === "") return;
    const fields = splitCsvLine(text);
    if (fields.length !== header.length) {
      errors.push({ line, message: `has ${fields.length} columns; the header has ${header.length}` });
      return;
    }
    const rowProblems: string[] = [];
    const ratings = {} as Record<NeedAreaKey, number>;
    for (const key of needAreaKeys) {
      const value = fields[column(key)]!;
      if (!/^[0-4]$/.test(value)) rowProblems.push(`${key} is "${value}"; a rating must be a whole number from 0 to 4`);
      ratings[key] = Number(value);
    }
    const informal = fields[column("informal")]!;
    if (!(INFORMAL_SUPPORT as readonly string[]).includes(informal))
      rowProblems.push(`informal is "${informal}"; it must be one of ${INFORMAL_SUPPORT.join(", ")}`);
    if (rowProblems.length) {
      errors.push({ line, message: rowProblems.join("; ") });
      return;
    }
    let result;
    try {
      result = allocateBudget(ruleSet, { ratings, informal: informal as InformalSupport });
    } catch (error) {
      if (!(error instanceof AllocationInputError)) throw error;
      errors.push({ line, message: error.problems.join("; ") });
      return;
    }
    rows.push({
      case: fields[column("case")]!,
      points: result.points,
      eligible: result.eligible,
      nhs: result.nhsPence / 100,
      council: result.councilPence / 100,
      total: result.totalPence / 100,
      weekly: penceToPoundsString(result.weeklyPence),
      flags: result.flags,
    });
  });
  return { rows, errors };
}
