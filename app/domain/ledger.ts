import { z } from "zod";
import { isCalendarDate } from "./dates";
import { MANAGEMENT_OPTIONS, MONEY_SOURCES, type MoneySource, type ProviderSector } from "~/domain/choices";

/**
 * Money after sign-off (stages 5 and 6; docs/domain-guide.md, "Money after sign-off"): a
 * ledger. Every figure is exact integer pence. An entry is never edited or removed: a correction is a
 * new entry that reverses an earlier one on its own date, so a statement for a closed period never
 * changes afterwards. Everything the person and the lead professional see (planned, spent, committed
 * and left; the notes; the monitoring return) is worked out here from the entries, never stored.
 */

/**
 * received: money arrived in the account (or at the organisation holding it).
 * spent: a payment out, against a plan item, the crisis contingency, or nothing in the plan.
 * committed: money promised (an invoice agreed, a booking) and not paid yet.
 * reversal: cancels an earlier entry from its own date on (a correction).
 */
export const ENTRY_KINDS = ["received", "spent", "committed", "reversal"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** A receipt may be a photo or a PDF, up to 5 MB, its type read from its bytes. The one place these limits live. */
export const RECEIPT_MAX_BYTES = 5 * 1024 * 1024;
export const RECEIPT_MEDIA_TYPES = ["image/jpeg", "image/png", "image/webp", "image/heic", "application/pdf"] as const;
/** The receipt upload is the one request allowed a body above the usual form limit: the file plus a little form. */
export const RECEIPT_UPLOAD_BODY_LIMIT = RECEIPT_MAX_BYTES + 64 * 1024;
/** A bank or card statement is text: a year of lines fits easily in the usual form limit. */
export const STATEMENT_MAX_BYTES = 256 * 1024;

export interface LedgerEntry {
  id: string;
  kind: EntryKind;
  /** The day the money moved (yyyy-mm-dd), not the day it was typed in. */
  date: string;
  /** Always above zero; the kind says which way it goes. */
  amountPence: number;
  source?: MoneySource | null;
  /** The plan item paid for; null for spending not in the plan (or from the contingency). */
  itemId?: string | null;
  /** Drawn from the crisis contingency. */
  contingency?: boolean;
  /** The menu kind of the item, kept with the entry so totals by kind need no plan. */
  menuKind?: string | null;
  sector?: ProviderSector | null;
  /** reversal: the entry it cancels. */
  reverses?: string | null;
  /** spent: the commitment this payment settles. */
  settles?: string | null;
}

export type EntryRefusal =
  | "money:errors.amount"
  | "money:errors.date"
  | "money:errors.source"
  | "money:errors.unknownItem"
  | "money:errors.noSuchEntry"
  | "money:errors.alreadyReversed"
  | "money:errors.cannotReverseReversal"
  | "money:errors.noContingency"
  | "money:errors.contingencyUsed"
  | "money:errors.alreadySettled";

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The same day `months` later, or the month's last day when it is shorter (31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** The plan year that starts on the sign-off day: start and last day inclusive. */
export function planYear(signedOffOn: string): { start: string; end: string } {
  return { start: signedOffOn, end: addDays(addMonths(signedOffOn, 12), -1) };
}

/**
 * Checks a new entry against the ledger so far. Every rule a form or an import could break is here,
 * so an entry that passes is one the figures can take.
 */
export function checkNewEntry(
  existing: readonly LedgerEntry[],
  entry: LedgerEntry,
  plan: { itemIds: readonly string[]; contingencyPence: number },
): EntryRefusal | null {
  if (!Number.isSafeInteger(entry.amountPence) || entry.amountPence <= 0) return "money:errors.amount";
  if (!isCalendarDate(entry.date)) return "money:errors.date";
  if (entry.kind === "received" && !MONEY_SOURCES.includes(entry.source as MoneySource)) return "money:errors.source";
  if ((entry.kind === "spent" || entry.kind === "committed") && entry.itemId && !plan.itemIds.includes(entry.itemId))
    return "money:errors.unknownItem";
  if (entry.kind === "spent" && entry.contingency) {
    if (plan.contingencyPence <= 0) return "money:errors.noContingency";
    if (entry.amountPence > contingencyLeft(existing, plan.contingencyPence)) return "money:errors.contingencyUsed";
  }
  if (entry.kind === "spent" && entry.settles) {
    const commitment = existing.find((e) => e.id === entry.settles && e.kind === "committed");
    if (!commitment) return "money:errors.noSuchEntry";
    if (existing.some((e) => e.kind === "spent" && e.settles === commitment.id && !isReversed(existing, e.id)))
      return "money:errors.alreadySettled";
  }
  if (entry.kind === "reversal") {
    const target = existing.find((e) => e.id === entry.reverses);
    if (!target) return "money:errors.noSuchEntry";
    if (target.kind === "reversal") return "money:errors.cannotReverseReversal";
    if (isReversed(existing, target.id)) return "money:errors.alreadyReversed";
    if (entry.amountPence !== target.amountPence) return "money:errors.amount";
  }
  return null;
}

function isReversed(entries: readonly LedgerEntry[], id: string): boolean {
  return entries.some((e) => e.kind === "reversal" && e.reverses === id);
}

/** One signed movement: what the figures add up. A reversal becomes the negative of what it cancels, on its own date. */
export interface Movement {
  date: string;
  kind: "received" | "spent" | "committed";
  pence: number;
  source: MoneySource | null;
  itemId: string | null;
  contingency: boolean;
  menuKind: string | null;
  sector: ProviderSector | null;
}

export function movements(entries: readonly LedgerEntry[]): Movement[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const out: Movement[] = [];
  const push = (from: LedgerEntry, date: string, sign: 1 | -1) => {
    if (from.kind === "reversal") return;
    out.push({
      date,
      kind: from.kind,
      pence: sign * from.amountPence,
      source: from.source ?? null,
      itemId: from.itemId ?? null,
      contingency: Boolean(from.contingency),
      menuKind: from.menuKind ?? null,
      sector: from.sector ?? null,
    });
  };
  for (const entry of entries) {
    if (entry.kind === "reversal") {
      const target = entry.reverses ? byId.get(entry.reverses) : undefined;
      if (!target) continue;
      push(target, entry.date, -1);
      // Reversing a payment that settled a commitment brings the commitment back.
      if (target.kind === "spent" && target.settles) {
        const commitment = byId.get(target.settles);
        if (commitment && !isReversed(entries, commitment.id)) push(commitment, entry.date, 1);
      }
      continue;
    }
    push(entry, entry.date, 1);
    // A payment that settles a commitment: the promise is kept, so it is no longer "committed".
    if (entry.kind === "spent" && entry.settles) {
      const commitment = byId.get(entry.settles);
      if (commitment && !isReversed(entries, commitment.id)) push(commitment, entry.date, -1);
    }
  }
  return out;
}

const sum = (list: readonly Movement[]) => list.reduce((total, m) => total + m.pence, 0);

export interface PlannedItem {
  id: string;
  what: string;
  /** The yearly amount the signed-off plan (with any allowed moves since) gives this item. */
  plannedPence: number;
  kind: string;
}

export interface ItemFigures {
  id: string;
  what: string;
  plannedPence: number;
  spentPence: number;
  committedPence: number;
  /** planned − spent − committed: below zero when the item has run over. */
  leftPence: number;
}

export interface BudgetFigures {
  budgetPence: number;
  receivedPence: number;
  receivedBySource: Record<MoneySource, number>;
  spentPence: number;
  committedPence: number;
  /** The budget still to use this year: budget − spent − committed. */
  leftPence: number;
  /** What should be in the account now: received − spent. */
  balancePence: number;
  notInPlanPence: number;
  contingencyPence: number;
  contingencySpentPence: number;
}

export function contingencyLeft(entries: readonly LedgerEntry[], contingencyPence: number): number {
  return contingencyPence - sum(movements(entries).filter((m) => m.kind === "spent" && m.contingency));
}

/** Planned, spent, committed and left for each item of the plan, up to and including `asOf`. */
export function itemFigures(
  entries: readonly LedgerEntry[],
  items: readonly PlannedItem[],
  asOf?: string,
): ItemFigures[] {
  const moves = movements(entries).filter((m) => !asOf || m.date <= asOf);
  return items.map((item) => {
    const mine = moves.filter((m) => m.itemId === item.id && !m.contingency);
    const spentPence = sum(mine.filter((m) => m.kind === "spent"));
    const committedPence = sum(mine.filter((m) => m.kind === "committed"));
    return {
      id: item.id,
      what: item.what,
      plannedPence: item.plannedPence,
      spentPence,
      committedPence,
      leftPence: item.plannedPence - spentPence - committedPence,
    };
  });
}

/** The whole budget: received (by source), spent, committed and left. */
export function budgetFigures(
  entries: readonly LedgerEntry[],
  budget: { budgetPence: number; itemIds: readonly string[]; contingencyPence: number },
  asOf?: string,
): BudgetFigures {
  const moves = movements(entries).filter((m) => !asOf || m.date <= asOf);
  const received = moves.filter((m) => m.kind === "received");
  const spent = moves.filter((m) => m.kind === "spent");
  const spentPence = sum(spent);
  const committedPence = sum(moves.filter((m) => m.kind === "committed"));
  const receivedPence = sum(received);
  return {
    budgetPence: budget.budgetPence,
    receivedPence,
    receivedBySource: {
      nhs: sum(received.filter((m) => m.source === "nhs")),
      council: sum(received.filter((m) => m.source === "council")),
    },
    spentPence,
    committedPence,
    leftPence: budget.budgetPence - spentPence - committedPence,
    balancePence: receivedPence - spentPence,
    notInPlanPence: sum(
      spent.filter((m) => !m.contingency && (m.itemId === null || !budget.itemIds.includes(m.itemId))),
    ),
    contingencyPence: budget.contingencyPence,
    contingencySpentPence: sum(spent.filter((m) => m.contingency)),
  };
}

/** Month by month across the plan year: received and spent in each month (yyyy-mm). */
export function monthByMonth(
  entries: readonly LedgerEntry[],
  year: { start: string; end: string },
): { month: string; receivedPence: number; spentPence: number }[] {
  const months: string[] = [];
  for (let d = `${year.start.slice(0, 7)}-01`; d.slice(0, 7) <= year.end.slice(0, 7); d = addMonths(d, 1))
    months.push(d.slice(0, 7));
  const moves = movements(entries);
  return months.map((month) => {
    const inMonth = moves.filter((m) => m.date.startsWith(month));
    return {
      month,
      receivedPence: sum(inMonth.filter((m) => m.kind === "received")),
      spentPence: sum(inMonth.filter((m) => m.kind === "spent")),
    };
  });
}

// ---- what the money rules in content say ----

export const INSTALMENT_SCHEDULES = ["four-weekly", "monthly", "quarterly", "yearly"] as const;
export type InstalmentSchedule = (typeof INSTALMENT_SCHEDULES)[number];

/** content/money.json: how the money is paid for each way of managing it, and when the notes appear. */
export const moneyRulesSchema = z.strictObject({
  translationStatus: z.string().min(1),
  instalments: z.strictObject(
    Object.fromEntries(MANAGEMENT_OPTIONS.map((k) => [k, z.enum(INSTALMENT_SCHEDULES)])) as Record<
      (typeof MANAGEMENT_OPTIONS)[number],
      z.ZodEnum<{ [K in InstalmentSchedule]: K }>
    >,
  ),
  /** When nothing is decided yet, the schedule used. */
  defaultInstalments: z.enum(INSTALMENT_SCHEDULES),
  /** "A lot unspent near the year's end": more than this share of the budget left... */
  unspentNotePercent: z.number().int().min(1).max(100),
  /** ...within this many days of the year's end. */
  yearEndWindowDays: z.number().int().min(1).max(365),
});
export type MoneyRules = z.infer<typeof moneyRulesSchema>;

const COUNT: Record<InstalmentSchedule, number> = { "four-weekly": 13, monthly: 12, quarterly: 4, yearly: 1 };

/** Splits pence into n parts that differ by at most a penny and add up exactly (earlier parts take the extra pence). */
export function splitExactly(totalPence: number, parts: number): number[] {
  const base = Math.floor(totalPence / parts);
  const extra = totalPence - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** The NHS and council parts of a confirmed total, in the proportion the budget calculation gave (exact). */
export function splitBySource(totalPence: number, calculated: { nhsPence: number; councilPence: number }) {
  const whole = calculated.nhsPence + calculated.councilPence;
  const nhs = whole > 0 ? Math.floor((totalPence * calculated.nhsPence) / whole) : 0;
  return { nhsPence: nhs, councilPence: totalPence - nhs };
}

export interface ExpectedPayment {
  date: string;
  nhsPence: number;
  councilPence: number;
}

/** The payments expected into the account over the plan year, from the sign-off day. They add up to the budget exactly. */
export function expectedPayments(
  parts: { nhsPence: number; councilPence: number },
  signedOffOn: string,
  schedule: InstalmentSchedule,
): ExpectedPayment[] {
  const n = COUNT[schedule];
  const nhs = splitExactly(parts.nhsPence, n);
  const council = splitExactly(parts.councilPence, n);
  return Array.from({ length: n }, (_, i) => ({
    date:
      schedule === "four-weekly"
        ? addDays(signedOffOn, 28 * i)
        : addMonths(signedOffOn, i * (schedule === "quarterly" ? 3 : schedule === "monthly" ? 1 : 12)),
    nhsPence: nhs[i]!,
    councilPence: council[i]!,
  }));
}

export function scheduleFor(rules: MoneyRules, management: string | null): InstalmentSchedule {
  return management && management in rules.instalments
    ? rules.instalments[management as keyof MoneyRules["instalments"]]
    : rules.defaultInstalments;
}

// ---- the gentle notes ----

export type MoneyNote =
  | { kind: "over"; itemId: string; what: string; overPence: number }
  | { kind: "not-in-plan"; pence: number }
  | { kind: "unspent"; leftPence: number; daysLeft: number };

/**
 * The notes the person (and the lead professional) see: an item that has run over, money spent on
 * something not in the plan, and a lot unspent near the year's end. Never a warning in red: each
 * comes with what the person can do.
 */
export function moneyNotes(
  items: readonly ItemFigures[],
  budget: BudgetFigures,
  year: { end: string },
  today: string,
  rules: Pick<MoneyRules, "unspentNotePercent" | "yearEndWindowDays">,
): MoneyNote[] {
  const notes: MoneyNote[] = items
    .filter((item) => item.leftPence < 0)
    .map((item) => ({ kind: "over", itemId: item.id, what: item.what, overPence: -item.leftPence }));
  if (budget.notInPlanPence > 0) notes.push({ kind: "not-in-plan", pence: budget.notInPlanPence });
  const daysLeft = Math.round((Date.parse(`${year.end}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (
    daysLeft >= 0 &&
    daysLeft <= rules.yearEndWindowDays &&
    budget.leftPence * 100 > budget.budgetPence * rules.unspentNotePercent
  )
    notes.push({ kind: "unspent", leftPence: budget.leftPence, daysLeft });
  return notes;
}

// ---- the monitoring return ----

export interface MonitoringStatement {
  from: string;
  to: string;
  openingPence: number;
  receivedBySource: Record<MoneySource, number>;
  receivedPence: number;
  spentPence: number;
  spentByItem: { itemId: string | null; contingency: boolean; pence: number }[];
  spentByKind: Record<string, number>;
  closingPence: number;
  /** The budget not yet spent at the period's end. */
  unspentPence: number;
}

/**
 * A statement for one person for any period (both days included): opening balance, received by
 * source, spent by item and by menu kind, closing balance and what is unspent. Built so that
 * opening + received − spent = closing always, and one period's closing is the next one's opening.
 */
export function monitoringStatement(
  entries: readonly LedgerEntry[],
  period: { from: string; to: string },
  budgetPence: number,
): MonitoringStatement {
  const moves = movements(entries);
  const before = moves.filter((m) => m.date < period.from);
  const within = moves.filter((m) => m.date >= period.from && m.date <= period.to);
  const balance = (list: Movement[]) =>
    sum(list.filter((m) => m.kind === "received")) - sum(list.filter((m) => m.kind === "spent"));
  const received = within.filter((m) => m.kind === "received");
  const spent = within.filter((m) => m.kind === "spent");
  const openingPence = balance(before);
  const receivedPence = sum(received);
  const spentPence = sum(spent);
  const byItem = new Map<string, { itemId: string | null; contingency: boolean; pence: number }>();
  const byKind: Record<string, number> = {};
  for (const m of spent) {
    const key = m.contingency ? "contingency" : (m.itemId ?? "not-in-plan");
    const row = byItem.get(key) ?? { itemId: m.contingency ? null : m.itemId, contingency: m.contingency, pence: 0 };
    row.pence += m.pence;
    byItem.set(key, row);
    const kind = m.contingency ? "contingency" : (m.menuKind ?? "not-in-plan");
    byKind[kind] = (byKind[kind] ?? 0) + m.pence;
  }
  const spentToEnd = sum(moves.filter((m) => m.kind === "spent" && m.date <= period.to));
  return {
    from: period.from,
    to: period.to,
    openingPence,
    receivedBySource: {
      nhs: sum(received.filter((m) => m.source === "nhs")),
      council: sum(received.filter((m) => m.source === "council")),
    },
    receivedPence,
    spentPence,
    spentByItem: [...byItem.values()],
    spentByKind: byKind,
    closingPence: openingPence + receivedPence - spentPence,
    unspentPence: budgetPence - spentToEnd,
  };
}

/** Pence as pounds with two decimals ("-12.05"), exactly, for CSV files. */
export function poundsText(pence: number): string {
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** The calendar quarter containing a date: 1 April to 30 June, and so on. */
export function quarterOf(date: string): { from: string; to: string } {
  const [y, m] = date.split("-").map(Number) as [number, number];
  const startMonth = Math.floor((m - 1) / 3) * 3 + 1;
  const from = `${y}-${String(startMonth).padStart(2, "0")}-01`;
  return { from, to: addDays(addMonths(from, 3), -1) };
}

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet (=, +, -, @ at the start of text). */
export function csvCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const MONITORING_COLUMNS = [
  "person",
  "from",
  "to",
  "opening",
  "received_nhs",
  "received_council",
  "spent",
  "closing",
  "unspent",
] as const;

/**
 * The monitoring return as CSV for the council and the NHS: one row per person (pounds with two
 * decimals), then one column per menu kind spent on. `person` is the reference the caller gives
 * (a record id, never a name).
 */
export function monitoringCsv(rows: readonly { person: string; statement: MonitoringStatement }[]): string {
  const kinds = [...new Set(rows.flatMap((r) => Object.keys(r.statement.spentByKind)))].sort();
  const header = [...MONITORING_COLUMNS, ...kinds.map((k) => `spent_${k}`)];
  const lines = rows.map(({ person, statement: s }) =>
    [
      csvCell(person),
      s.from,
      s.to,
      poundsText(s.openingPence),
      poundsText(s.receivedBySource.nhs),
      poundsText(s.receivedBySource.council),
      poundsText(s.spentPence),
      poundsText(s.closingPence),
      poundsText(s.unspentPence),
      ...kinds.map((k) => poundsText(s.spentByKind[k] ?? 0)),
    ].join(","),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
