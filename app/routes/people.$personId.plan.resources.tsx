import { useTranslation } from "react-i18next";
import { Form, redirect, useActionData } from "react-router";
import { ChoiceField, CsrfInput, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { mayActOnRecord } from "~/domain/access";
import { REAL_WEALTH, SOURCES_OF_HELP, type Resource } from "~/domain/plan";
import { removeEntrySchema } from "~/forms/plan";
import { resourceFormSchema } from "~/forms/plan-sections";
import { requireRecordAccess } from "~/lib/access.server";
import { parseFormValues } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { requireEditablePlan } from "~/lib/plan-access.server";
import { refused } from "~/lib/responses.server";
import { budgetFigures, budgetForPlan } from "~/models/plan-view.server";
import { loadPlan, newEntryId, saveSection } from "~/models/plan.server";
import type { Route } from "./+types/people.$personId.plan.resources";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = requireRecordAccess(context, request, params.personId, "view-record");
  const { plan } = loadPlan(access.person.id);
  const budget = budgetForPlan(access.person.id);
  return {
    personId: access.person.id,
    canEdit: mayActOnRecord(access.relationship, "edit-draft"),
    entries: plan.resources,
    figures: budget ? budgetFigures(plan, budget.totalPence, languageOf(context)) : null,
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = requireRecordAccess(context, request, params.personId, "edit-draft");
  requireEditablePlan(access);
  const formData = await request.formData();
  const { plan } = loadPlan(access.person.id);
  const back = (done: string) => redirect(`/people/${access.person.id}/plan/resources?done=${done}`);
  if (formData.get("intent") === "remove") {
    const form = parseFormValues(formData, removeEntrySchema);
    if (!form.ok) return refused(form);
    saveSection(access.person.id, "resources", plan.resources.filter((e) => e.id !== form.data.entryId), "latest", access.actor.id);
    return back("removed");
  }
  const form = parseFormValues(formData, resourceFormSchema);
  if (!form.ok) return refused(form);
  const entry: Resource = { id: newEntryId(), heading: form.data.heading, what: form.data.what };
  if (form.data.source) entry.source = form.data.source;
  if (form.data.whoHelps) entry.whoHelps = form.data.whoHelps;
  if (form.data.howOften) entry.howOften = form.data.howOften;
  saveSection(access.person.id, "resources", [...plan.resources, entry], "latest", access.actor.id);
  return back("added");
}

export default function Resources({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  const refusal = useActionData<typeof action>();
  const labels = {
    heading: t("resources.heading"),
    source: t("resources.source"),
    what: t("resources.what"),
    whoHelps: t("resources.whoHelps"),
    howOften: t("resources.howOften"),
  };
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("resources.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/journey`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("resources.title")}</h1>
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
                        {[e.source ? t(`plan:sources.${e.source}`) : null, e.whoHelps ? t("resources.whoHelpsIs", { who: e.whoHelps }) : null, e.howOften]
                          .filter(Boolean)
                          .join(" · ")}
                      </p>
                    </div>
                    {d.canEdit && (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="entryId" value={e.id} />
                        <button type="submit" className="secondary">
                          {t("list.remove")}
                          <span className="visually-hidden">: {e.what}</span>
                        </button>
                      </Form>
                    )}
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
          <ValidatedForm schema={resourceFormSchema} values={refusal?.values} errors={refusal?.errors} labels={labels} hidden={{ intent: "add" }}>
            <TextField name="what" label={labels.what} multiline />
            <ChoiceField
              name="heading"
              legend={labels.heading}
              options={REAL_WEALTH.map((h) => ({ value: h, label: t(`plan:realWealth.${h}.name`), hint: t(`plan:realWealth.${h}.description`) }))}
            />
            <ChoiceField
              name="source"
              legend={labels.source}
              hint={t("resources.sourceHint")}
              options={[{ value: "", label: t("resources.noSource") }, ...SOURCES_OF_HELP.map((s) => ({ value: s, label: t(`plan:sources.${s}`) }))]}
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
