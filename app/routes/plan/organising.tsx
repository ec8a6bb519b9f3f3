import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { ChoiceField, DateField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { NotNowPage, PlanLockNotice } from "~/components/plan-lock";
import { notNow, planPageState, savedBy } from "~/routes/plan/plan-access.server";
import type { PlanState } from "~/domain/workflow";
import { isArranged, organisingSchema, readStage, type Arrangement } from "~/domain/plan-stages";
import { HOW_PAID } from "~/domain/choices";
import { arrangementFormSchema } from "~/forms/plan-sections";
import { requireRecordAccess } from "~/server/access.server";
import { formatDate, formatMoney } from "~/lib/format";
import { formValues, parseFormValues, fieldErrors } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { canSaveNow, currentPlan, loadPlan, saveSection } from "~/models/plan.server";
import type { Route } from "./+types/organising";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["journey-ui", "plan"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const { plan, stages } = await loadPlan(access.person.id);
  const arrangements = readStage(organisingSchema, stages.organising, []);
  const url = new URL(request.url);
  const editing = plan.items.find((item) => item.id === url.searchParams.get("item"));
  const arrangementOf = (id: string) => arrangements.find((a) => a.itemId === id);
  return {
    personId: access.person.id,
    ...(await planPageState(access, "record-use")),
    management: plan.decisions.management,
    items: plan.items.map((item) => {
      const a = arrangementOf(item.id);
      return {
        id: item.id,
        what: item.what,
        yearly: formatMoney(item.yearlyCostPence, lang),
        provider: a?.provider || item.provider,
        startDate: a?.startDate ? formatDate(a.startDate, lang) : null,
        howPaid: a?.howPaid ?? null,
        arranged: isArranged(a),
      };
    }),
    editing: editing
      ? {
          id: editing.id,
          what: editing.what,
          values: {
            provider: arrangementOf(editing.id)?.provider || editing.provider,
            startDate: arrangementOf(editing.id)?.startDate ?? "",
            ...(arrangementOf(editing.id)?.howPaid ? { howPaid: arrangementOf(editing.id)!.howPaid! } : {}),
          },
        }
      : null,
    done: url.searchParams.get("done"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "edit-draft");
  const formData = await request.formData();
  const typed = formValues(formData).values;
  const row = await currentPlan(access.person.id);
  if (!canSaveNow(row, "record-use")) return notNow(access, (row?.state ?? "draft") as PlanState, typed);
  const form = parseFormValues(formData, arrangementFormSchema);
  if (!form.ok) return replyWithErrors(form);
  const { plan } = await loadPlan(access.person.id);
  if (!plan.items.some((item) => item.id === form.data.itemId))
    return replyWithErrors(fieldErrors(form.values, { _form: "journey-ui:errors.noSuchItem" }));
  const arrangement: Arrangement = {
    itemId: form.data.itemId,
    provider: form.data.provider ?? "",
    startDate: form.data.startDate ?? "",
    howPaid: form.data.howPaid ?? null,
  };
  const saved = await saveSection(
    access.person.id,
    "organising",
    (stored: unknown) => [
      ...readStage(organisingSchema, stored, []).filter((a) => a.itemId !== arrangement.itemId),
      arrangement,
    ],
    "latest",
    savedBy(access),
    "record-use",
  );
  if (!saved.ok && "notNow" in saved) return notNow(access, saved.notNow, typed);
  return redirect(`/people/${access.person.id}/plan/organising?done=saved`);
}

export default function Organising({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  const stopped = result && "notNow" in result ? result.notNow : undefined;
  const labels = {
    provider: t("organising.provider"),
    startDate: t("organising.startDate"),
    howPaid: t("organising.howPaid"),
  };
  const base = `/people/${d.personId}/plan/organising`;
  const editing = d.editing;
  if (stopped)
    return (
      <NotNowPage
        notNow={stopped}
        labels={labels}
        title={t("organising.title")}
        personId={d.personId}
        backHref={`/people/${d.personId}/plan/organising`}
      />
    );
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("organising.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/journey`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("organising.title")}</h1>
      <PlanLockNotice lock={d.lock} personId={d.personId} />
      {d.done && (
        <p className="confirmation" role="status">
          {t("section.saved")}
        </p>
      )}
      <p>{t("organising.intro")}</p>
      <p>
        {d.management
          ? t("organising.management", { how: t(`plan:management.${d.management}.name`) })
          : t("organising.noManagement")}{" "}
        <a href={`/people/${d.personId}/plan/decisions`}>{t("organising.managementLink")}</a>
      </p>
      {d.items.length === 0 ? (
        <p>{t("organising.noItems")}</p>
      ) : (
        <ul className="task-list">
          {d.items.map((item) => (
            <li key={item.id}>
              <div>
                <p>
                  <strong>{item.what}</strong> · {t("organising.yearly", { amount: item.yearly })}
                </p>
                <p className="hint">
                  {[
                    item.provider ? t("organising.providerIs", { provider: item.provider }) : null,
                    item.startDate ? t("organising.startsOn", { date: item.startDate }) : null,
                    item.howPaid ? t(`howPaid.${item.howPaid}`) : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                {d.canEdit && (
                  <p>
                    <a href={`${base}?item=${item.id}#arrange`}>
                      {t("organising.arrange")}
                      <span className="visually-hidden">: {item.what}</span>
                    </a>
                  </p>
                )}
              </div>
              <span className={item.arranged ? "tag tag--done" : "tag tag--grey"}>
                {item.arranged ? t("organising.arranged") : t("organising.notArranged")}
              </span>
            </li>
          ))}
        </ul>
      )}
      {d.canEdit && editing && (
        <section aria-labelledby="arrange">
          <h2 id="arrange">{t("organising.arrangeHeading", { what: editing.what })}</h2>
          <ValidatedForm
            schema={() => import("~/forms/plan-sections").then((m) => m.arrangementFormSchema)}
            values={refusal?.values ?? editing.values}
            errors={refusal?.errors}
            labels={labels}
            hidden={{ intent: "arrange", itemId: editing.id }}
          >
            <TextField name="provider" label={labels.provider} />
            <DateField name="startDate" legend={labels.startDate} hint={t("common:date.hint")} />
            <ChoiceField
              name="howPaid"
              legend={labels.howPaid}
              options={HOW_PAID.map((h) => ({ value: h, label: t(`howPaid.${h}`) }))}
            />
            <SubmitButton>{t("section.save")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
    </>
  );
}
