import { loadInsightsRecords } from "./insights-page.server";
import type { Route } from "./+types/download-json";

/** The commissioner's figures as JSON: the same numbers and the same suppression as the page. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { period, workedOutAt, records } = await loadInsightsRecords(context, request);
  return new Response(JSON.stringify({ period, workedOutAt, records }, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="insights-${period.from}-to-${period.to}.json"`,
    },
  });
}
