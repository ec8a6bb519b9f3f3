import type { RouterContextProvider } from "react-router";
import type { InsightsReach } from "~/domain/access";
import { RTL_LANGUAGES } from "~/domain/languages";
import { insightsKeptAfterChangeMs } from "~/lib/config.server";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { audit } from "~/models/audit.server";
import { requireInsightsReach } from "~/server/access.server";
import {
  INSIGHTS_PARTS,
  insightsPartFrom,
  insightsRecords,
  insightsReport,
  insightsView,
  partOfFigure,
  periodFrom,
} from "~/views/insights-view.server";

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
  const part = insightsPartFrom(url);
  const view = insightsView(report, lang, translatorOf(context));
  return {
    report,
    page: {
      ...view,
      figures: view.figures.filter((figure) => partOfFigure(figure.id) === part),
      part,
      parts: INSIGHTS_PARTS,
      values,
      errors,
      query: new URLSearchParams({ from: period.from, to: period.to }).toString(),
      // The period as the address asked for it, carried by the links to the other parts.
      periodAsked: new URLSearchParams(
        [...url.searchParams].filter(([name]) => name === "from" || name === "to"),
      ).toString(),
      path: url.pathname,
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
