import type { TFunction } from "i18next";
import { content } from "~/content/content.server";
import {
  budgetFigures,
  contingencyLeft,
  expectedPayments,
  itemFigures,
  moneyNotes,
  monthByMonth,
  scheduleFor,
  type MoneyNote,
} from "~/domain/ledger";
import type { Language } from "~/domain/languages";
import { formatDate, formatMoney, formatMonth, todayInUk } from "~/lib/format";
import { asLedger, entriesOf, receiptsOf, type MoneyPlan } from "~/models/money.server";
import { userNames } from "~/models/users.server";

/** Today as yyyy-mm-dd in UK time, the day the notes are worked out for. */
export { todayInUk };

function noteText(note: MoneyNote, money: (p: number) => string, t: TFunction): string {
  switch (note.kind) {
    case "over":
      return t("money:notes.over", { what: note.what, amount: money(note.overPence) });
    case "not-in-plan":
      return t("money:notes.notInPlan", { amount: money(note.pence) });
    case "unspent":
      return t("money:notes.unspent", { amount: money(note.leftPence), days: note.daysLeft });
  }
}

/**
 * What the money page shows: planned, spent, committed and left per item and for the budget, month
 * by month, the notes, the expected payments and (when the asker may see them) each entry.
 */
export async function moneyView(
  money: MoneyPlan,
  personId: string,
  lang: Language,
  t: TFunction,
  opts: { detail: boolean; today?: string },
) {
  const format = (pence: number) => formatMoney(pence, lang);
  const rows = await entriesOf(money.planId);
  const ledger = asLedger(rows);
  const itemIds = money.items.map((i) => i.id);
  const contingencyPence = money.contingency?.amountPence ?? 0;
  const items = itemFigures(ledger, money.items);
  const budget = budgetFigures(ledger, { budgetPence: money.budgetPence, itemIds, contingencyPence });
  const today = opts.today ?? todayInUk();
  const notes = moneyNotes(items, budget, money.year, today, content().money);
  const months = monthByMonth(ledger, money.year);
  const schedule = scheduleFor(content().money, money.management);
  const expected = expectedPayments(money.parts, money.signedOffOn, schedule);
  const reversed = new Set(rows.filter((r) => r.kind === "reversal").map((r) => r.reverses));
  const settled = new Set(rows.filter((r) => r.settles && !reversed.has(r.id)).map((r) => r.settles));
  const receiptList = opts.detail ? await receiptsOf(personId) : [];
  const names = opts.detail ? await userNames(rows.map((r) => r.recordedBy)) : new Map<string, string>();
  const itemName = (id: string | null, contingency: boolean) =>
    contingency
      ? t("money:entries.contingency")
      : id
        ? (money.items.find((i) => i.id === id)?.what ?? t("money:entries.notInPlan"))
        : t("money:entries.notInPlan");
  return {
    year: { start: formatDate(money.year.start, lang), end: formatDate(money.year.end, lang) },
    management: money.management,
    schedule,
    items: items.map((i) => ({
      id: i.id,
      what: i.what,
      planned: format(i.plannedPence),
      spent: format(i.spentPence),
      committed: format(i.committedPence),
      left: format(i.leftPence),
      over: i.leftPence < 0,
    })),
    totals: {
      budget: format(budget.budgetPence),
      received: format(budget.receivedPence),
      receivedNhs: format(budget.receivedBySource.nhs),
      receivedCouncil: format(budget.receivedBySource.council),
      spent: format(budget.spentPence),
      committed: format(budget.committedPence),
      left: format(budget.leftPence),
      balance: format(budget.balancePence),
      nhsPart: format(money.parts.nhsPence),
      councilPart: format(money.parts.councilPence),
    },
    notes: notes.map((n) => ({ kind: n.kind, text: noteText(n, format, t) })),
    months: months.map((m) => ({
      label: formatMonth(m.month, lang),
      receivedPence: m.receivedPence,
      spentPence: m.spentPence,
      received: format(m.receivedPence),
      spent: format(m.spentPence),
    })),
    expected: expected.map((p) => ({
      date: formatDate(p.date, lang),
      nhs: format(p.nhsPence),
      council: format(p.councilPence),
      total: format(p.nhsPence + p.councilPence),
    })),
    contingency: money.contingency
      ? {
          amount: format(money.contingency.amountPence),
          left: format(contingencyLeft(ledger, money.contingency.amountPence)),
          leftPence: contingencyLeft(ledger, money.contingency.amountPence),
          whatFor: money.contingency.whatFor,
        }
      : null,
    entries: opts.detail
      ? rows
          .map((r) => ({
            id: r.id,
            kind: r.kind,
            date: formatDate(r.entryDate, lang),
            amount: format(r.amountPence),
            what:
              r.kind === "received"
                ? t(`money:sources.${r.source}`)
                : r.kind === "reversal"
                  ? t("money:entries.reversal")
                  : itemName(r.itemId, r.contingency),
            payee: r.payee ?? "",
            note: r.note ?? "",
            by: names.get(r.recordedBy) ?? "",
            reversed: reversed.has(r.id),
            open: r.kind === "committed" && !settled.has(r.id) && !reversed.has(r.id),
            receipts: receiptList.filter((x) => x.entryId === r.id).map((x) => ({ id: x.id })),
          }))
          .reverse()
      : [],
  };
}
