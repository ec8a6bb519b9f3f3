import type { RouterContextProvider } from "react-router";
import type { InsightsReach } from "~/domain/access";
import { RTL_LANGUAGES } from "~/domain/languages";
import { insightsKeptAfterChangeMs } from "~/lib/config.server";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { audit } from "~/models/audit.server";
import { requireInsightsReach } from "~/server/access.server";
import { insightsRecords, insightsReport, insightsView, periodFrom } from "~/views/insights-view.server";

/** What both insights pages load: the asker's reach checked, the period read, the figures worked out. */
export async function loadInsights(context: Readonly<RouterContextProvider>, request: Request, reach: InsightsReach) {
  const { user, teamId } = await requireInsightsReach(context, request, reach);
  const url = new URL(request.url);
  const { period, values, errors } = periodFrom(url);
  const lang = languageOf(context);
  const report = await insightsReport(period, teamId ? { kind: "team", teamId } : { kind: "all" });
  await audit({
    actorId: user.id,
    action: "view-insights",
    target: url.pathname,
    result: "ok",
    detail: { ...period, reach },
  });
  return {
    report,
    page: {
      ...insightsView(report, lang, translatorOf(context)),
      values,
      errors,
      query: new URLSearchParams({ from: period.from, to: period.to }).toString(),
      rtl: RTL_LANGUAGES.includes(lang),
      keptForMinutes: Math.round(insightsKeptAfterChangeMs() / 60_000),
    },
  };
}

/** The commissioner's downloads: every figure as a flat list, with the page's suppression. */
export async function loadInsightsRecords(context: Readonly<RouterContextProvider>, request: Request) {
  const { report } = await loadInsights(context, request, "all-teams");
  return { period: report.period, workedOutAt: report.workedOutAt, records: insightsRecords(report) };
}
