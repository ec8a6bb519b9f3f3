import { isCalendarDate } from "~/domain/dates";
import { monitoringStatement, quarterOf } from "~/domain/ledger";
import type { MoneyPlan } from "~/models/money.server";
import { asLedger, entriesOf } from "~/models/money.server";

/** The period asked for in the address (?from=&to=), or this quarter; a wrong period says so. */
export function periodFrom(url: URL, today: string): { from: string; to: string; asked: boolean; wrong: boolean } {
  const from = url.searchParams.get("from") ?? "";
  const to = url.searchParams.get("to") ?? "";
  if (!from && !to) return { ...quarterOf(today), asked: false, wrong: false };
  if (isCalendarDate(from) && isCalendarDate(to) && from <= to) return { from, to, asked: true, wrong: false };
  return { ...quarterOf(today), asked: true, wrong: true };
}

/** One person's monitoring return for the period. */
export async function statementFor(money: MoneyPlan, period: { from: string; to: string }) {
  return monitoringStatement(asLedger(await entriesOf(money.planId)), period, money.budgetPence);
}
