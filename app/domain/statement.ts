import { isCalendarDate } from "./dates";

/**
 * A bank or pre-payment-card statement brought in as CSV (one account for both funding sources:
 * docs/domain-guide.md, "Money after sign-off"). The person says once which columns hold the date, the
 * description and the amount; every line is checked before anything is recorded, and a line
 * already brought in before is recognised and left out.
 */

export const DATE_ORDERS = ["day-first", "iso"] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export interface ColumnMapping {
  date: string;
  description: string;
  amount: string;
  dateOrder: DateOrder;
}

/** One row as read from the file, with the line of the file it started on (the header is line 1). */
export interface RawRow {
  line: number;
  cells: Record<string, string>;
}

export interface StatementLine {
  line: number;
  date: string;
  description: string;
  /** Money in is above zero, money out below. */
  amountPence: number;
  /** The same on every import of the same line: date, amount, description and how many times it repeats above. */
  fingerprint: string;
}

export type LineError = {
  line: number;
  key: "money:import.badDate" | "money:import.badAmount" | "money:import.noDescription";
};

/** Whether the remembered columns are all in this file's header. */
export function mappingFits(mapping: ColumnMapping | null | undefined, headers: readonly string[]): boolean {
  return Boolean(
    mapping &&
    headers.includes(mapping.date) &&
    headers.includes(mapping.description) &&
    headers.includes(mapping.amount),
  );
}

/** "31/01/2027", "31-01-2027", "31.01.27" (day first) or "2027-01-31" to yyyy-mm-dd; null if not a real date. */
export function statementDate(text: string, order: DateOrder): string | null {
  const value = text.trim();
  let iso: string | null = null;
  if (order === "iso") {
    iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  } else {
    const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(value);
    if (m) {
      const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
      iso = `${year}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
    }
  }
  return iso && isCalendarDate(iso) ? iso : null;
}

/** "-12.50", "12.5", "£1,234.56", "(12.50)" or "12.50-" to signed pence without floating point; null if not money. */
export function statementAmount(text: string): number | null {
  let value = text.trim().replace(/[£,\s]/g, "");
  let negative = false;
  if (/^\(.*\)$/.test(value)) {
    negative = true;
    value = value.slice(1, -1);
  }
  if (value.endsWith("-")) {
    negative = !negative;
    value = value.slice(0, -1);
  }
  if (value.startsWith("-")) {
    negative = !negative;
    value = value.slice(1);
  } else if (value.startsWith("+")) value = value.slice(1);
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) return null;
  const pence = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return negative ? -pence : pence;
}

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();

/**
 * Every row read with the mapping. All or nothing: if any row is wrong, the errors (by line number)
 * come back and no lines do.
 */
export function readStatement(
  rows: readonly RawRow[],
  mapping: ColumnMapping,
): { ok: true; lines: StatementLine[] } | { ok: false; errors: LineError[] } {
  const errors: LineError[] = [];
  const lines: StatementLine[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const date = statementDate(row.cells[mapping.date] ?? "", mapping.dateOrder);
    const amountPence = statementAmount(row.cells[mapping.amount] ?? "");
    const description = (row.cells[mapping.description] ?? "").trim().slice(0, 200);
    if (!date) errors.push({ line: row.line, key: "money:import.badDate" });
    else if (amountPence === null || amountPence === 0) errors.push({ line: row.line, key: "money:import.badAmount" });
    else if (!description) errors.push({ line: row.line, key: "money:import.noDescription" });
    if (!date || amountPence === null || amountPence === 0 || !description) continue;
    const base = `${date}|${amountPence}|${normalise(description)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    lines.push({ line: row.line, date, description, amountPence, fingerprint: `${base}|${n}` });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lines };
}

export interface SuggestableItem {
  id: string;
  what: string;
  provider: string;
  unitCostPence: number;
}

/** What a line was matched to before (payee to item), learnt from the person's own confirmed lines. */
export type PayeeMemory = ReadonlyMap<string, string>;

/** A payee's words without dates, numbers and card references, so "GYM LTD 12/03 CARD 1234" and "Gym Ltd" meet. */
export function payeeKey(description: string): string {
  return normalise(description)
    .replace(/[^a-z\s]/g, " ")
    .split(" ")
    .filter((w) => w.length > 2 && !["card", "payment", "ltd", "the", "and", "dd", "ref"].includes(w))
    .join(" ");
}

const words = (text: string) => new Set(payeeKey(text).split(" ").filter(Boolean));

/**
 * The item a money-out line most likely paid for: one the person matched the same payee to before;
 * otherwise the item whose provider or name shares words with the description, with its unit cost
 * equal to the amount breaking ties; otherwise the only item of exactly that cost. Null when unsure.
 */
export function suggestItem(
  line: Pick<StatementLine, "description" | "amountPence">,
  items: readonly SuggestableItem[],
  memory: PayeeMemory,
): string | null {
  if (line.amountPence >= 0) return null;
  const remembered = memory.get(payeeKey(line.description));
  if (remembered && items.some((i) => i.id === remembered)) return remembered;
  const lineWords = words(line.description);
  const amount = -line.amountPence;
  const scored = items
    .map((item) => {
      const shared = [...words(`${item.provider} ${item.what}`)].filter((w) => lineWords.has(w)).length;
      return { id: item.id, score: shared * 2 + (item.unitCostPence === amount ? 1 : 0) };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  if (scored.length === 0) return null;
  if (scored.length > 1 && scored[0]!.score === scored[1]!.score) return null;
  return scored[0]!.id;
}

/** Money coming in names where it came from more often than not: "NHS" in the description means the NHS part. */
export function suggestSource(description: string): "nhs" | "council" {
  return /\bnhs\b|\bicb\b|health/i.test(description) ? "nhs" : "council";
}
