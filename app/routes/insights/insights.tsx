import { useTranslation } from "~/lib/use-translation";
import { ErrorSummary } from "~/components/form";
import { InsightsFigures, InsightsParts, PeriodForm, WorkedOut } from "~/components/insights-report";
import { PageTitle } from "~/components/page-title";
import { loadInsights } from "./insights-page.server";
import type { Route } from "./+types/insights";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["insights"] };

/** What the scheme learns, every team together: for commissioners only. */
export async function loader({ request, context }: Route.LoaderArgs) {
  return (await loadInsights(context, request, "all-teams")).page;
}

export default function Insights({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("insights");
  const labels = { from: t("period.from"), to: t("period.to") };
  return (
    <>
      <PageTitle error={Object.keys(d.errors).length > 0}>{`${t(`parts.${d.part}`)} – ${t("title")}`}</PageTitle>
      <ErrorSummary errors={d.errors} labels={labels} />
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <p>{t("period.showing", { from: d.period.from, to: d.period.to })}</p>
      <WorkedOut when={d.workedOut} keptForMinutes={d.keptForMinutes} />
      <PeriodForm values={d.values} errors={d.errors} part={d.part === d.parts[0] ? undefined : d.part} />
      <p>{t("privacy")}</p>
      <ul className="list">
        <li>
          <a href={`/insights.csv?${d.query}`} download>
            {t("download.csv")}
          </a>
        </li>
        <li>
          <a href={`/insights.json?${d.query}`} download>
            {t("download.json")}
          </a>
        </li>
      </ul>
      <InsightsParts parts={d.parts} part={d.part} path={d.path} periodAsked={d.periodAsked} />
      <InsightsFigures figures={d.figures} rtl={d.rtl} />
    </>
  );
}
