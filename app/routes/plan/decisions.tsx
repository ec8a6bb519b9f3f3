import { useTranslation } from "~/lib/use-translation";
import { useActionData } from "react-router";
import { ConflictView, SaveStatus, skipRevalidationOnAutosave, useAutosave } from "~/components/autosave";
import { ChoiceField, SubmitButton, TextField, ValidatedForm, useFieldValue } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { NotNowPage, PlanLockNotice } from "~/components/plan-lock";
import { planPageState } from "~/routes/plan/plan-access.server";
import { decisionsSchema, emptyPlan } from "~/domain/plan";
import { MANAGEMENT_NEEDS, MANAGEMENT_OPTIONS } from "~/domain/choices";
import { decisionsFormSchema, decisionsFromForm, decisionsToValues } from "~/forms/plan-sections";
import { requireRecordAccess } from "~/server/access.server";
import { loadPlan } from "~/models/plan.server";
import type { Route } from "./+types/decisions";
import { versionedSectionAction } from "~/routes/plan/section-action.server";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["journey-ui", "plan"] };

export const shouldRevalidate = skipRevalidationOnAutosave;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const { plan, versions } = await loadPlan(access.person.id);
  return {
    personId: access.person.id,
    ...(await planPageState(access, "edit")),
    values: decisionsToValues(plan.decisions),
    ifUnwell: plan.decisions.ifUnwell ?? null,
    version: versions.decisions,
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action(args: Route.ActionArgs) {
  return versionedSectionAction(args, "decisions", "decisions", {
    schema: decisionsFormSchema,
    toContent: decisionsFromForm,
    toValues: (stored) => {
      const theirs = decisionsSchema.safeParse(stored);
      return decisionsToValues(theirs.success ? theirs.data : emptyPlan().decisions);
    },
  });
}

export default function Decisions({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  const conflict = result && "conflict" in result ? result : undefined;
  const stopped = result && "notNow" in result ? result.notNow : undefined;
  const { version, status } = useAutosave("decisions-form", d.version);
  const labels: Record<string, string> = {
    whoDecidesWhat: t("decisions.whoDecidesWhat"),
    management: t("decisions.management"),
    representative: t("plan:managementDetails.representative"),
    trustees: t("plan:managementDetails.trustees"),
    organisation: t("plan:managementDetails.organisation"),
    managedBy: t("plan:managementDetails.managedBy"),
    support: t("plan:managementDetails.support"),
    unwellWhatChanges: t("decisions.unwellWhatChanges"),
    unwellWho: t("decisions.unwellWho"),
    unwellBack: t("decisions.unwellBack"),
    unwellSwitchTo: t("decisions.unwellSwitchTo"),
  };
  const fields = Object.entries(labels).map(([name, label]) => ({ name, label }));
  const managementOptions = MANAGEMENT_OPTIONS.map((m) => {
    const needs: readonly string[] = MANAGEMENT_NEEDS[m];
    const needText =
      needs.length === 0
        ? t("decisions.needsNothing")
        : t("decisions.needs", { what: needs.map((n) => t(`plan:managementDetails.${n}`)).join(", ") });
    return {
      value: m,
      label: t(`plan:management.${m}.name`),
      hint: `${t(`plan:management.${m}.description`)} ${needText}`,
    };
  });
  if (stopped)
    return (
      <NotNowPage
        notNow={stopped}
        labels={labels}
        title={t("decisions.title")}
        personId={d.personId}
        backHref={`/people/${d.personId}/plan/decisions`}
      />
    );
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("decisions.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/plan`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("decisions.title")}</h1>
      <PlanLockNotice lock={d.lock} personId={d.personId} />
      {d.done && !conflict && (
        <p className="confirmation" role="status">
          {t(d.done === "keptTheirs" ? "conflict.keptTheirs" : "section.saved")}
        </p>
      )}
      {d.ifUnwell && (
        <section aria-labelledby="if-unwell-now" className="inset">
          <h2 id="if-unwell-now">{t("decisions.ifUnwellNowHeading")}</h2>
          <dl className="summary-list">
            <div>
              <dt>{labels.unwellWhatChanges}</dt>
              <dd className="pre-wrap">{d.ifUnwell.whatChanges}</dd>
            </div>
            <div>
              <dt>{labels.unwellWho}</dt>
              <dd>{d.ifUnwell.whoMaySwitchOn}</dd>
            </div>
            <div>
              <dt>{labels.unwellBack}</dt>
              <dd className="pre-wrap">{d.ifUnwell.howSwitchedBack}</dd>
            </div>
            {d.ifUnwell.switchTo && (
              <div>
                <dt>{labels.unwellSwitchTo}</dt>
                <dd>{t(`plan:management.${d.ifUnwell.switchTo}.name`)}</dd>
              </div>
            )}
          </dl>
        </section>
      )}
      {conflict ? (
        <>
          <ConflictView conflict={conflict.conflict} yours={conflict.yours} fields={fields} />
          <p>
            <a href={`/people/${d.personId}/plan/decisions`}>{t("conflict.backToForm")}</a>
          </p>
        </>
      ) : d.canEdit ? (
        <>
          <p>{t("decisions.intro")}</p>
          <ValidatedForm
            id="decisions-form"
            schema={() => import("~/forms/plan-sections").then((m) => m.decisionsFormSchema)}
            values={refusal?.values ?? d.values}
            errors={refusal?.errors}
            labels={labels}
            hidden={{ intent: "save", version: String(version) }}
          >
            <TextField
              name="whoDecidesWhat"
              label={labels.whoDecidesWhat!}
              hint={t("decisions.whoDecidesWhatHint")}
              multiline
            />
            <h2>{t("decisions.moneyHeading")}</h2>
            <ChoiceField
              name="management"
              legend={labels.management!}
              hint={t("decisions.managementHint")}
              options={[...managementOptions, { value: "", label: t("decisions.notDecided") }]}
            />
            <ChosenWayQuestions labels={labels} />
            <h2>{t("decisions.ifUnwellHeading")}</h2>
            <p>{t("decisions.ifUnwellIntro")}</p>
            <TextField
              name="unwellWhatChanges"
              label={labels.unwellWhatChanges!}
              hint={t("decisions.unwellWhatChangesHint")}
              multiline
            />
            <TextField name="unwellWho" label={labels.unwellWho!} />
            <TextField name="unwellBack" label={labels.unwellBack!} multiline />
            <ChoiceField
              name="unwellSwitchTo"
              legend={labels.unwellSwitchTo!}
              options={[
                { value: "", label: t("decisions.noSwitch") },
                ...MANAGEMENT_OPTIONS.map((m) => ({ value: m, label: t(`plan:management.${m}.name`) })),
              ]}
            />
            <SaveStatus status={status} />
            <SubmitButton>{t("section.save")}</SubmitButton>
          </ValidatedForm>
        </>
      ) : (
        <dl className="summary-list">
          {fields.map((f) => (
            <div key={f.name}>
              <dt>{f.label}</dt>
              <dd className="pre-wrap">
                {f.name === "management" && d.values.management
                  ? t(`plan:management.${String(d.values.management)}.name`)
                  : (d.values[f.name] ?? "")}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

/**
 * Only the chosen way's questions (issue 14): what it has to name, and who helps with the paperwork.
 * The choice as saved (or as typed, after a refusal) decides without JavaScript; with it, the questions
 * follow the radio buttons as they change.
 */
function ChosenWayQuestions({ labels }: { labels: Record<string, string> }) {
  const { t } = useTranslation(["journey-ui", "plan"]);
  const chosen = useFieldValue("management");
  const way = MANAGEMENT_OPTIONS.find((m) => m === chosen);
  if (!way) return <p className="hint">{t("decisions.detailsAfterChoice")}</p>;
  const needs: readonly string[] = MANAGEMENT_NEEDS[way];
  return (
    <>
      {needs.includes("representative") && (
        <TextField name="representative" label={labels.representative!} hint={t("decisions.representativeHint")} />
      )}
      {needs.includes("trustees") && (
        <TextField name="trustees" label={labels.trustees!} hint={t("decisions.trusteesHint")} multiline />
      )}
      {needs.includes("organisation") && (
        <TextField name="organisation" label={labels.organisation!} hint={t("decisions.organisationHint")} />
      )}
      {needs.includes("managedBy") && (
        <TextField name="managedBy" label={labels.managedBy!} hint={t("decisions.managedByHint")} />
      )}
      <TextField name="support" label={labels.support!} />
    </>
  );
}
