import { useTranslation } from "~/lib/use-translation";
import { useActionData } from "react-router";
import { BudgetChart } from "~/components/budget-chart";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { PlanCheckList } from "~/components/plan-check-list";
import { PlanWorkflowLinks } from "~/components/plan-workflow-links";
import { mayActOnRecord } from "~/domain/access";
import { partStatuses, type PlanSection } from "~/domain/plan";
import { overBudgetReasonFormSchema } from "~/forms/plan-sections";
import { requireRecordAccess } from "~/server/access.server";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { planPageState } from "~/routes/plan/plan-access.server";
import { versionedSectionAction } from "~/routes/plan/section-action.server";
import { ConflictView } from "~/components/autosave";
import { NotNowPage, PlanLockNotice } from "~/components/plan-lock";
import { budgetFigures, budgetForPlan, planCheckView } from "~/views/plan-view.server";
import { loadPlan } from "~/models/plan.server";
import type { Route } from "./+types/plan";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["plan", "journey-ui", "signoff"] };

/** The parts of the plan, in the order of the six criteria, each with its status on the task list. */
const SECTIONS: { id: PlanSection }[] = [
  { id: "outcomes" },
  { id: "items" },
  { id: "free-support" },
  { id: "risks" },
  { id: "crisis" },
  { id: "decisions" },
  { id: "resources" },
];

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const t = translatorOf(context);
  const { row, plan, versions } = await loadPlan(access.person.id);
  const budget = await budgetForPlan(access.person.id);
  const check = planCheckView(plan, budget?.totalPence ?? 0, lang, t, budget?.agreements);
  return {
    personId: access.person.id,
    personName: access.personName,
    isSelf: access.standing === "self",
    state: row?.state ?? "draft",
    cycle: row?.cycle ?? 1,
    statuses: partStatuses(
      plan,
      check.criteria.flatMap((c) => (c.met ? [] : c.problems.map((p) => p.fix))),
    ),
    ...(await planPageState(access, "edit")),
    overBudgetReason: plan.overBudgetReason,
    reasonVersion: versions.overBudgetReason,
    figures: budget ? budgetFigures(plan, budget.totalPence, lang, budget.agreements) : null,
    check,
    done: new URL(request.url).searchParams.get("done"),
    workflow: {
      submit: mayActOnRecord(access.standing, "submit-plan"),
      decide: mayActOnRecord(access.standing, "sign-off"),
      review: mayActOnRecord(access.standing, "review"),
    },
  };
}

/** The reason a plan asks for more than the budget, for the lead professional to weigh: saved with its version. */
export async function action(args: Route.ActionArgs) {
  return versionedSectionAction(args, "overBudgetReason", "#plan-budget", {
    schema: overBudgetReasonFormSchema,
    toContent: (data) => data.overBudgetReason ?? "",
    toValues: (stored) => ({ overBudgetReason: typeof stored === "string" ? stored : "" }),
  });
}

export default function PlanOverview({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("plan");
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  const stopped = result && "notNow" in result ? result.notNow : undefined;
  const conflict = result && "conflict" in result ? result : undefined;
  const fixLink = (fix: string) => (fix === "budget" ? "#plan-budget" : `${base}/${fix}`);
  const title = d.isSelf ? t("page.title") : t("page.titleFor", { name: d.personName });
  const base = `/people/${d.personId}/plan`;
  const reasonLabel = t("journey-ui:overBudget.label");
  if (stopped)
    return (
      <NotNowPage
        notNow={stopped}
        labels={{ overBudgetReason: reasonLabel }}
        title={title}
        personId={d.personId}
        backHref={base}
      />
    );
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <a href={`/people/${d.personId}`}>{t("common:form.back")}</a>
      </p>
      <h1>{title}</h1>
      <PlanLockNotice lock={d.lock} personId={d.personId} />
      <p className="hint">
        {t("page.cycle", { cycle: d.cycle })} · {t("page.state", { state: t(`states.${d.state}`) })}
      </p>
      {(d.done === "reasonSaved" || d.done === "saved") && (
        <p className="confirmation" role="status">
          {t("journey-ui:section.saved")}
        </p>
      )}
      {d.done === "withdrawn" && (
        <p className="confirmation" role="status">
          {t("signoff:submit.withdrawn")}
        </p>
      )}
      <p>{d.isSelf ? t("page.intro") : t("page.introFor", { name: d.personName })}</p>
      <p>
        <a href={`/people/${d.personId}/journey`}>
          {d.isSelf ? t("journey-ui:links.journey") : t("journey-ui:links.journeyFor", { name: d.personName })}
        </a>
      </p>
      <section aria-labelledby="plan-budget">
        <h2 id="plan-budget">{t("page.budgetHeading")}</h2>
        {d.figures ? <BudgetChart figures={d.figures} /> : <p>{t("budgetChart.noBudget")}</p>}
        {conflict && (
          <ConflictView
            conflict={conflict.conflict}
            yours={conflict.yours}
            fields={[{ name: "overBudgetReason", label: reasonLabel }]}
          />
        )}
        {!conflict &&
          (d.figures?.over || d.overBudgetReason) &&
          (d.canEdit ? (
            <ValidatedForm
              schema={() => import("~/forms/plan-sections").then((m) => m.overBudgetReasonFormSchema)}
              values={refusal?.values ?? { overBudgetReason: d.overBudgetReason }}
              errors={refusal?.errors}
              labels={{ overBudgetReason: reasonLabel }}
              hidden={{ intent: "over-budget-reason", version: String(d.reasonVersion) }}
            >
              <TextField
                name="overBudgetReason"
                label={t("journey-ui:overBudget.label")}
                hint={t("journey-ui:overBudget.hint")}
                multiline
              />
              <SubmitButton>{t("journey-ui:overBudget.save")}</SubmitButton>
            </ValidatedForm>
          ) : (
            <>
              <h3>{t("journey-ui:overBudget.label")}</h3>
              <p className="pre-wrap">{d.overBudgetReason}</p>
            </>
          ))}
      </section>
      <section aria-labelledby="plan-sections">
        <h2 id="plan-sections">{t("page.sectionsHeading")}</h2>
        <ul className="task-list">
          {SECTIONS.map((s) => (
            <li key={s.id} id={s.id}>
              <a href={`${base}/${s.id}`} aria-describedby={`${s.id}-status`}>
                {t(`sections.${s.id}`)}
              </a>
              <strong
                id={`${s.id}-status`}
                className={`tag ${d.statuses[s.id] === "done" ? "tag--done" : d.statuses[s.id] === "not-started" ? "tag--grey" : ""}`}
              >
                {t(`stageState.${d.statuses[s.id]}`)}
              </strong>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="plan-check">
        <h2 id="plan-check">{t("page.check")}</h2>
        <p>{t("page.checkIntro")}</p>
        <PlanCheckList check={d.check} fixLink={fixLink} />
      </section>
      <PlanWorkflowLinks personId={d.personId} may={d.workflow} />
      <ul className="list">
        <li>
          <a href={`${base}/history`}>{t("journey-ui:links.history")}</a>
        </li>
        <li>
          <a href={`${base}/print`}>{t("journey-ui:links.print")}</a>
        </li>
      </ul>
    </>
  );
}
