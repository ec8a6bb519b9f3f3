import { useTranslation } from "react-i18next";
import { Form, redirect, useActionData } from "react-router";
import { CsrfInput, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { mayActOnRecord } from "~/domain/access";
import { removeEntrySchema } from "~/forms/plan";
import { freeSupportFormSchema } from "~/forms/plan-sections";
import { requireRecordAccess } from "~/lib/access.server";
import { parseFormValues } from "~/lib/forms.server";
import { requireEditablePlan } from "~/lib/plan-access.server";
import { refused } from "~/lib/responses.server";
import { loadPlan, newEntryId, saveSection } from "~/models/plan.server";
import type { Route } from "./+types/people.$personId.plan.free-support";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = requireRecordAccess(context, request, params.personId, "view-record");
  const { plan } = loadPlan(access.person.id);
  return {
    personId: access.person.id,
    canEdit: mayActOnRecord(access.relationship, "edit-draft"),
    entries: plan.freeSupport,
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = requireRecordAccess(context, request, params.personId, "edit-draft");
  requireEditablePlan(access);
  const formData = await request.formData();
  const { plan } = loadPlan(access.person.id);
  const back = (done: string) => redirect(`/people/${access.person.id}/plan/free-support?done=${done}`);
  if (formData.get("intent") === "remove") {
    const form = parseFormValues(formData, removeEntrySchema);
    if (!form.ok) return refused(form);
    saveSection(access.person.id, "freeSupport", plan.freeSupport.filter((e) => e.id !== form.data.entryId), "latest", access.actor.id);
    return back("removed");
  }
  const form = parseFormValues(formData, freeSupportFormSchema);
  if (!form.ok) return refused(form);
  const entry = { id: newEntryId(), who: form.data.who, what: form.data.what, howOften: form.data.howOften ?? "" };
  // Adding never overwrites anyone's words, so it applies to the newest version.
  saveSection(access.person.id, "freeSupport", [...plan.freeSupport, entry], "latest", access.actor.id);
  return back("added");
}

export default function FreeSupport({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  const refusal = useActionData<typeof action>();
  const labels = { who: t("freeSupport.who"), what: t("freeSupport.what"), howOften: t("freeSupport.howOften") };
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("freeSupport.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/plan`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("freeSupport.title")}</h1>
      {d.done && (
        <p className="confirmation" role="status">
          {t(d.done === "removed" ? "list.removed" : "list.added")}
        </p>
      )}
      <p>{t("freeSupport.intro")}</p>
      {d.entries.length === 0 ? (
        <p>{t("list.none")}</p>
      ) : (
        <ul className="task-list">
          {d.entries.map((e) => (
            <li key={e.id}>
              <div>
                <p>
                  <strong>{e.who}</strong>: {e.what}
                </p>
                {e.howOften && <p className="hint">{e.howOften}</p>}
              </div>
              {d.canEdit && (
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="entryId" value={e.id} />
                  <button type="submit" className="secondary">
                    {t("list.remove")}
                    <span className="visually-hidden">: {e.who}, {e.what}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {d.canEdit && (
        <section aria-labelledby="add-free-support">
          <h2 id="add-free-support">{t("freeSupport.addHeading")}</h2>
          <ValidatedForm schema={freeSupportFormSchema} values={refusal?.values} errors={refusal?.errors} labels={labels} hidden={{ intent: "add" }}>
            <TextField name="who" label={labels.who} hint={t("freeSupport.whoHint")} />
            <TextField name="what" label={labels.what} multiline />
            <TextField name="howOften" label={labels.howOften} />
            <SubmitButton>{t("list.add")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
    </>
  );
}
