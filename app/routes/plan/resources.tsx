import { useTranslation } from "~/lib/use-translation";
import { useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { RemoveEntryButton } from "~/components/remove-entry";
import { PageTitle } from "~/components/page-title";
import { NotNowPage, PlanLockNotice } from "~/components/plan-lock";
import { planPageState } from "~/routes/plan/plan-access.server";
import type { Resource } from "~/domain/plan";
import { REAL_WEALTH, SOURCES_OF_HELP } from "~/domain/choices";
import { resourceFormSchema } from "~/forms/plan-sections";
import { requireRecordAccess } from "~/server/access.server";
import { languageOf } from "~/lib/i18n.server";
import { budgetFigures, budgetForPlan } from "~/views/plan-view.server";
import { loadPlan } from "~/models/plan.server";
import type { Route } from "./+types/resources";
import { planListAction } from "~/routes/plan/list-action.server";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["journey-ui", "plan"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const { plan } = await loadPlan(access.person.id);
  const budget = await budgetForPlan(access.person.id);
  return {
    personId: access.person.id,
    ...(await planPageState(access, "edit")),
    entries: plan.resources,
    figures: budget ? budgetFigures(plan, budget.totalPence, languageOf(context), budget.agreements) : null,
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action(args: Route.ActionArgs) {
  return planListAction(args, "resources", "resources", resourceFormSchema, (data, { id }) => {
    const entry: Resource = { id, heading: data.heading, what: data.what };
    if (data.source) entry.source = data.source;
    if (data.whoHelps) entry.whoHelps = data.whoHelps;
    if (data.howOften) entry.howOften = data.howOften;
    return { entry };
  });
}

export default function Resources({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  const stopped = result && "notNow" in result ? result.notNow : undefined;
  const labels = {
    heading: t("resources.heading"),
    source: t("resources.source"),
    what: t("resources.what"),
    whoHelps: t("resources.whoHelps"),
    howOften: t("resources.howOften"),
  };
  if (stopped)
    return (
      <NotNowPage
        notNow={stopped}
        labels={labels}
        title={t("resources.title")}
        personId={d.personId}
        backHref={`/people/${d.personId}/plan/resources`}
      />
    );
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("resources.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/journey`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("resources.title")}</h1>
      <PlanLockNotice lock={d.lock} personId={d.personId} />
      {d.done && (
        <p className="confirmation" role="status">
          {t(d.done === "removed" ? "list.removed" : "list.added")}
        </p>
      )}
      <p>{t("resources.intro")}</p>
      <section aria-labelledby="resources-budget" className="inset">
        <h2 id="resources-budget">{t("resources.budgetHeading")}</h2>
        <p>{d.figures ? t("resources.budget", { amount: d.figures.budget }) : t("resources.noBudget")}</p>
        <p>
          <a href={`/people/${d.personId}/budget`}>{t("resources.budgetLink")}</a>
        </p>
      </section>
      {REAL_WEALTH.map((heading) => {
        const entries = d.entries.filter((e) => e.heading === heading);
        return (
          <section key={heading} aria-labelledby={`heading-${heading}`}>
            <h2 id={`heading-${heading}`}>{t(`plan:realWealth.${heading}.name`)}</h2>
            <p className="hint">{t(`plan:realWealth.${heading}.description`)}</p>
            {entries.length === 0 ? (
              <p>{t("list.none")}</p>
            ) : (
              <ul className="task-list">
                {entries.map((e) => (
                  <li key={e.id}>
                    <div>
                      <p>{e.what}</p>
                      <p className="hint">
                        {[
                          e.source ? t(`plan:sources.${e.source}`) : null,
                          e.whoHelps ? t("resources.whoHelpsIs", { who: e.whoHelps }) : null,
                          e.howOften,
                        ]
                          .filter(Boolean)
                          .join(" · ")}
                      </p>
                    </div>
                    {d.canEdit && <RemoveEntryButton entryId={e.id} label={t("list.remove")} name={e.what} />}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      {d.canEdit && (
        <section aria-labelledby="add-resource">
          <h2 id="add-resource">{t("resources.addHeading")}</h2>
          <ValidatedForm
            schema={() => import("~/forms/plan-sections").then((m) => m.resourceFormSchema)}
            values={refusal?.values}
            errors={refusal?.errors}
            labels={labels}
            hidden={{ intent: "add" }}
          >
            <TextField name="what" label={labels.what} multiline />
            <ChoiceField
              name="heading"
              legend={labels.heading}
              options={REAL_WEALTH.map((h) => ({
                value: h,
                label: t(`plan:realWealth.${h}.name`),
                hint: t(`plan:realWealth.${h}.description`),
              }))}
            />
            <ChoiceField
              name="source"
              legend={labels.source}
              hint={t("resources.sourceHint")}
              options={[
                { value: "", label: t("resources.noSource") },
                ...SOURCES_OF_HELP.map((s) => ({ value: s, label: t(`plan:sources.${s}`) })),
              ]}
            />
            <TextField name="whoHelps" label={labels.whoHelps} />
            <TextField name="howOften" label={labels.howOften} />
            <SubmitButton>{t("list.add")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
    </>
  );
}
