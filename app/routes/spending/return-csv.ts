import { monitoringCsv, monitoringStatement } from "~/domain/ledger";
import { moneyPlan } from "~/models/money.server";
import { requireRecordAccess } from "~/server/access.server";
import { todayInUk } from "~/views/money-view.server";
import { periodFrom, statementFor } from "./return.server";
import type { Route } from "./+types/return-csv";

/** The monitoring return as CSV for the council and the NHS: the record's id, never a name. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const money = await moneyPlan(access.person.id);
  const period = periodFrom(new URL(request.url), todayInUk());
  const statement = money ? await statementFor(money, period) : monitoringStatement([], period, 0);
  return new Response(monitoringCsv([{ person: access.person.id, statement }]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="monitoring-return-${period.from}-to-${period.to}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
