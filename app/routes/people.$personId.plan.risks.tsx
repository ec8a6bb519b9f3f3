import { useTranslation } from "react-i18next";
import { Form, redirect, useActionData } from "react-router";
import { CsrfInput, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { mayActOnRecord } from "~/domain/access";
import { removeEntrySchema } from "~/forms/plan";
import { riskFormSchema } from "~/forms/plan-sections";
import { requireRecordAccess } from "~/lib/access.server";
import { parseFormValues } from "~/lib/forms.server";
import { requireEditablePlan } from "~/lib/plan-access.server";
import { refused } from "~/lib/responses.server";
import { loadPlan, newEntryId, saveSection } from "~/models/plan.server";
import type { Route } from "./+types/people.$personId.plan.risks";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = requireRecordAccess(context, request, params.personId, "view-record");
  const { plan } = loadPlan(access.person.id);
  return {
    personId: access.person.id,
    canEdit: mayActOnRecord(access.relationship, "edit-draft"),
    entries: plan.risks,
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = requireRecordAccess(context, request, params.personId, "edit-draft");
  requireEditablePlan(access);
  const formData = await request.formData();
  const { plan } = loadPlan(access.person.id);
  const back = (done: string) => redirect(`/people/${access.person.id}/plan/risks?done=${done}`);
  if (formData.get("intent") === "remove") {
    const form = parseFormValues(formData, removeEntrySchema);
    if (!form.ok) return refused(form);
    saveSection(access.person.id, "risks", plan.risks.filter((e) => e.id !== form.data.entryId), "latest", access.actor.id);
    return back("removed");
  }
  const form = parseFormValues(formData, riskFormSchema);
  if (!form.ok) return refused(form);
  saveSection(access.person.id, "risks", [...plan.risks, { id: newEntryId(), risk: form.data.risk, howManaged: form.data.howManaged }], "latest", access.actor.id);
  return back("added");
}

export default function Risks({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  const refusal = useActionData<typeof action>();
  const labels = { risk: t("risks.risk"), howManaged: t("risks.howManaged") };
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("risks.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/plan`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("risks.title")}</h1>
      {d.done && (
        <p className="confirmation" role="status">
          {t(d.done === "removed" ? "list.removed" : "list.added")}
        </p>
      )}
      <p>{t("risks.intro")}</p>
      <p>
        <a href={`/people/${d.personId}/plan/crisis`}>{t("risks.crisisLink")}</a>
      </p>
      {d.entries.length === 0 ? (
        <p>{t("list.none")}</p>
      ) : (
        <ul className="task-list">
          {d.entries.map((e) => (
            <li key={e.id}>
              <div>
                <p>
                  <strong>{e.risk}</strong>
                </p>
                <p className="hint">{t("risks.managedAs", { how: e.howManaged })}</p>
              </div>
              {d.canEdit && (
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="entryId" value={e.id} />
                  <button type="submit" className="secondary">
                    {t("list.remove")}
                    <span className="visually-hidden">: {e.risk}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {d.canEdit && (
        <section aria-labelledby="add-risk">
          <h2 id="add-risk">{t("risks.addHeading")}</h2>
          <ValidatedForm schema={riskFormSchema} values={refusal?.values} errors={refusal?.errors} labels={labels} hidden={{ intent: "add" }}>
            <TextField name="risk" label={labels.risk} multiline />
            <TextField name="howManaged" label={labels.howManaged} multiline />
            <SubmitButton>{t("list.add")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
    </>
  );
}
