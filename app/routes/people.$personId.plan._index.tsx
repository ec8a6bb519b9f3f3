import { useTranslation } from "react-i18next";
import { BudgetChart } from "~/components/budget-chart";
import { PageTitle } from "~/components/page-title";
import { PlanWorkflowLinks } from "~/components/plan-workflow-links";
import { mayActOnRecord } from "~/domain/access";
import { requireRecordAccess } from "~/lib/access.server";
import { getI18n, languageOf } from "~/lib/i18n.server";
import { budgetFigures, budgetForPlan, planCheckView } from "~/models/plan-view.server";
import { loadPlan } from "~/models/plan.server";
import type { Route } from "./+types/people.$personId.plan._index";

const SECTIONS = [
  { id: "outcomes", path: "outcomes", ready: true },
  { id: "items", path: "items", ready: true },
] as const;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const t = getI18n(context).getFixedT(lang);
  const { row, plan } = loadPlan(access.person.id);
  const budget = budgetForPlan(access.person.id);
  return {
    personId: access.person.id,
    personName: access.personName,
    isSelf: access.relationship.kind === "self",
    state: row?.state ?? "draft",
    cycle: row?.cycle ?? 1,
    counts: { outcomes: plan.outcomes.length, items: plan.items.length },
    figures: budget ? budgetFigures(plan, budget.totalPence, lang) : null,
    check: planCheckView(plan, budget?.totalPence ?? 0, lang, t),
    workflow: { submit: mayActOnRecord(access.relationship, "submit-plan"), decide: mayActOnRecord(access.relationship, "sign-off"), review: mayActOnRecord(access.relationship, "review") },
  };
}

export default function PlanOverview({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("plan");
  const title = d.isSelf ? t("page.title") : t("page.titleFor", { name: d.personName });
  const base = `/people/${d.personId}/plan`;
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <a href={`/people/${d.personId}`}>{t("common:form.back")}</a>
      </p>
      <h1>{title}</h1>
      <p className="hint">
        {t("page.cycle", { cycle: d.cycle })} · {t("page.state", { state: t(`states.${d.state}`) })}
      </p>
      <p>{t("page.intro")}</p>
      <section aria-labelledby="plan-budget">
        <h2 id="plan-budget">{t("page.budgetHeading")}</h2>
        {d.figures ? <BudgetChart figures={d.figures} /> : <p>{t("budgetChart.noBudget")}</p>}
      </section>
      <section aria-labelledby="plan-sections">
        <h2 id="plan-sections">{t("page.sectionsHeading")}</h2>
        <ul className="task-list">
          {SECTIONS.map((s) => (
            <li key={s.id} id={s.id}>
              <a href={`${base}/${s.path}`}>{t(`sections.${s.id}`)}</a>
              <span className={d.counts[s.id] > 0 ? "tag tag--done" : "tag tag--grey"}>{d.counts[s.id]}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="plan-check">
        <h2 id="plan-check">{t("page.check")}</h2>
        <p>{t("page.checkIntro")}</p>
        {d.check.small && <p className="inset">{d.check.smallNote}</p>}
        <ul className="task-list">
          {d.check.criteria.map((c) => (
            <li key={c.criterion}>
              <div>
                <strong>{c.name}</strong>
                {c.problems.length > 0 && (
                  <ul className="list">
                    {c.problems.map((p, i) => (
                      <li key={i}>
                        {p.text}{" "}
                        <a href={p.fix === "outcomes" || p.fix === "items" ? `${base}/${p.fix}` : `${base}#plan-sections`}>
                          {t("page.fix")}
                          <span className="visually-hidden">: {p.text}</span>
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              <span className={c.met ? "tag tag--done" : "tag tag--warn"}>{c.met ? t("criterionState.met") : t("criterionState.notYet")}</span>
            </li>
          ))}
        </ul>
      </section>
      <PlanWorkflowLinks personId={d.personId} may={d.workflow} />
    </>
  );
}
