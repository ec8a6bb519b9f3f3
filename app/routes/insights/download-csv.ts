import { insightsCsv } from "~/views/insights-view.server";
import { loadInsightsRecords } from "./insights-page.server";
import type { Route } from "./+types/download-csv";

/** The commissioner's figures as CSV: the same numbers and suppression; no cell a spreadsheet runs as a formula. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { period, records } = await loadInsightsRecords(context, request);
  return new Response(insightsCsv(records), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="insights-${period.from}-to-${period.to}.csv"`,
    },
  });
}
