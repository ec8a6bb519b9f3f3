import { useTranslation } from "~/lib/use-translation";
import { ErrorSummary } from "~/components/form";
import { InsightsFigures, InsightsParts, PeriodForm, WorkedOut } from "~/components/insights-report";
import { PageTitle } from "~/components/page-title";
import { loadInsights } from "./insights-page.server";
import type { Route } from "./+types/team";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["insights"] };

/** What the scheme learns in one team: for that team's administrator. */
export async function loader({ request, context }: Route.LoaderArgs) {
  return (await loadInsights(context, request, "own-team")).page;
}

export default function TeamInsights({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("insights");
  const labels = { from: t("period.from"), to: t("period.to") };
  return (
    <>
      <PageTitle error={Object.keys(d.errors).length > 0}>{`${t(`parts.${d.part}`)} – ${t("teamTitle")}`}</PageTitle>
      <ErrorSummary errors={d.errors} labels={labels} />
      <h1>{t("teamTitle")}</h1>
      <p className="lead">{t("teamIntro")}</p>
      <p>{t("period.showing", { from: d.period.from, to: d.period.to })}</p>
      <WorkedOut when={d.workedOut} keptForMinutes={d.keptForMinutes} />
      <PeriodForm values={d.values} errors={d.errors} part={d.part === d.parts[0] ? undefined : d.part} />
      <p>{t("privacy")}</p>
      <InsightsParts parts={d.parts} part={d.part} path={d.path} periodAsked={d.periodAsked} />
      <InsightsFigures figures={d.figures} rtl={d.rtl} />
    </>
  );
}
