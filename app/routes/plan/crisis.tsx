import { useTranslation } from "~/lib/use-translation";
import { useActionData } from "react-router";
import { ConflictView, SaveStatus, skipRevalidationOnAutosave, useAutosave } from "~/components/autosave";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { NotNowPage, PlanLockNotice } from "~/components/plan-lock";
import { planPageState } from "~/routes/plan/plan-access.server";
import { UrgentHelpInset } from "~/components/urgent-help";
import { crisisLineView } from "~/views/urgent-help-view.server";
import { languageOf } from "~/lib/i18n.server";
import { crisisPlanSchema, emptyPlan } from "~/domain/plan";
import { crisisFormSchema, crisisFromForm, crisisToValues } from "~/forms/plan-sections";
import { CRISIS_CONTACT_SLOTS, contactField } from "~/forms/field-names";
import { requireRecordAccess } from "~/server/access.server";
import { loadPlan } from "~/models/plan.server";
import type { Route } from "./+types/crisis";
import { versionedSectionAction } from "~/routes/plan/section-action.server";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["journey-ui", "plan", "help"] };

export const shouldRevalidate = skipRevalidationOnAutosave;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const { plan, versions } = await loadPlan(access.person.id);
  return {
    personId: access.person.id,
    ...(await planPageState(access, "edit")),
    // A crisis plan page always says where to get help now.
    crisisLine: crisisLineView(languageOf(context)),
    values: crisisToValues(plan.crisis),
    version: versions.crisis,
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action(args: Route.ActionArgs) {
  return versionedSectionAction(args, "crisis", "crisis", {
    schema: crisisFormSchema,
    toContent: crisisFromForm,
    toValues: (stored) => {
      const theirs = crisisPlanSchema.safeParse(stored);
      return crisisToValues(theirs.success ? theirs.data : emptyPlan().crisis);
    },
  });
}

export default function Crisis({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  const conflict = result && "conflict" in result ? result : undefined;
  const stopped = result && "notNow" in result ? result.notNow : undefined;
  const { version, status } = useAutosave("crisis-form", d.version);
  const rows = Array.from({ length: CRISIS_CONTACT_SLOTS }, (_, i) => i);
  const labels: Record<string, string> = {
    earlySigns: t("crisis.earlySigns"),
    whatHelps: t("crisis.whatHelps"),
    ...Object.fromEntries(
      rows.flatMap((row) => [
        [contactField(row, "name"), t("crisis.contactName", { n: row + 1 })],
        [contactField(row, "howToReach"), t("crisis.contactReach", { n: row + 1 })],
      ]),
    ),
    doNotWant: t("crisis.doNotWant"),
    preferredPlace: t("crisis.preferredPlace"),
  };
  const fields = Object.entries(labels).map(([name, label]) => ({ name, label }));
  if (stopped)
    return (
      <NotNowPage
        notNow={stopped}
        labels={labels}
        title={t("crisis.title")}
        personId={d.personId}
        backHref={`/people/${d.personId}/plan/crisis`}
      />
    );
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("crisis.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/plan`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("crisis.title")}</h1>
      <UrgentHelpInset line={d.crisisLine} />
      <PlanLockNotice lock={d.lock} personId={d.personId} />
      {d.done && !conflict && (
        <p className="confirmation" role="status">
          {t(d.done === "keptTheirs" ? "conflict.keptTheirs" : "section.saved")}
        </p>
      )}
      {conflict ? (
        <>
          <ConflictView conflict={conflict.conflict} yours={conflict.yours} fields={fields} />
          <p>
            <a href={`/people/${d.personId}/plan/crisis`}>{t("conflict.backToForm")}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t("crisis.intro")}</p>
          {d.canEdit ? (
            <ValidatedForm
              id="crisis-form"
              schema={() => import("~/forms/plan-sections").then((m) => m.crisisFormSchema)}
              values={refusal?.values ?? d.values}
              errors={refusal?.errors}
              labels={labels}
              hidden={{ intent: "save", version: String(version) }}
            >
              <TextField name="earlySigns" label={labels.earlySigns!} hint={t("crisis.earlySignsHint")} multiline />
              <TextField name="whatHelps" label={labels.whatHelps!} hint={t("crisis.whatHelpsHint")} multiline />
              <h2>{t("crisis.contactsHeading")}</h2>
              <p className="hint">{t("crisis.contactsHint")}</p>
              {rows.map((row) => (
                <fieldset key={row} className="contact-group">
                  <legend>{t("crisis.contactLegend", { n: row + 1 })}</legend>
                  <TextField name={contactField(row, "name")} label={labels[contactField(row, "name")]!} />
                  <TextField
                    name={contactField(row, "howToReach")}
                    label={labels[contactField(row, "howToReach")]!}
                    hint={t("crisis.contactReachHint")}
                  />
                </fieldset>
              ))}
              <TextField name="doNotWant" label={labels.doNotWant!} multiline />
              <TextField name="preferredPlace" label={labels.preferredPlace!} />
              <SaveStatus status={status} />
              <SubmitButton>{t("section.save")}</SubmitButton>
            </ValidatedForm>
          ) : (
            <ReadOnlyCrisis values={d.values} fields={fields} />
          )}
        </>
      )}
    </>
  );
}

function ReadOnlyCrisis({
  values,
  fields,
}: {
  values: Record<string, string | string[]>;
  fields: { name: string; label: string }[];
}) {
  return (
    <dl className="summary-list">
      {fields.map((f) => (
        <div key={f.name}>
          <dt>{f.label}</dt>
          <dd className="pre-wrap">{values[f.name] ?? ""}</dd>
        </div>
      ))}
    </dl>
  );
}
