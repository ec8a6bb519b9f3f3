import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { ConflictView } from "~/components/autosave";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { NotNowPage } from "~/components/plan-lock";
import { mayActOnRecord } from "~/domain/access";
import { canSubmit } from "~/domain/plan-criteria";
import { submitPlanSchema, withdrawSchema } from "~/forms/signoff";
import { keepTheirsSchema } from "~/forms/plan-sections";
import { canWithdraw, type PlanState } from "~/domain/workflow";
import { content } from "~/content/content.server";
import { requireRecordAccess } from "~/server/access.server";
import { formValues, parseFormValues, fieldErrors } from "~/lib/forms.server";
import { formatDateTime } from "~/lib/format";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { budgetForPlan, planCheckView, planDocumentView } from "~/views/plan-view.server";
import { PlanDocumentView } from "~/components/plan-document";
import { loadPlan } from "~/models/plan.server";
import {
  saveSubmitReason,
  submitPlan,
  submitReasonOf,
  submitRefusal,
  withdrawPlan,
  type ReasonConflict,
} from "~/models/signoff.server";
import { userNames } from "~/models/users.server";
import { notNow, planPageState } from "~/routes/plan/plan-access.server";
import type { FormValues } from "~/lib/form-messages";
import type { Route } from "./+types/submit";
import { PlanCheckList } from "~/components/plan-check-list";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["plan", "signoff", "journey-ui"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const t = translatorOf(context);
  const loaded = await loadPlan(access.person.id);
  const { row, plan } = loaded;
  const judged = await budgetForPlan(access.person.id);
  const budget = judged?.totalPence ?? 0;
  const url = new URL(request.url);
  const sent = Number(url.searchParams.get("sent")) || null;
  const saved = await submitReasonOf(access.person.id);
  return {
    personId: access.person.id,
    personName: access.personName,
    isSelf: access.standing === "self",
    state: row?.state ?? "draft",
    // The whole plan as it would be sent (GOV.UK check answers), each part with a Change link while it can change.
    doc: await planDocumentView(access.person.id, loaded, lang, t),
    canChange: (await planPageState(access, "edit")).canEdit,
    canWithdraw: canWithdraw((row?.state ?? "draft") as PlanState) && mayActOnRecord(access.standing, "submit-plan"),
    sent,
    done: url.searchParams.get("done"),
    reason: saved.reason,
    reasonVersion: saved.version,
    // Peer brokers and supporting representatives see why they cannot send, in plain words.
    refusal: mayActOnRecord(access.standing, "submit-plan")
      ? await submitRefusal(access)
      : ((await submitRefusal(access)) ?? "plan:workflow.onlyPersonCanSend"),
    needsReason: !canSubmit(plan, { totalPence: budget, agreements: judged?.agreements }, "", content().planCheck)
      .allowed,
    check: planCheckView(plan, budget, lang, t, judged?.agreements),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "submit-plan");
  const formData = await request.formData();
  const base = `/people/${access.person.id}/plan/submit`;
  if (formData.get("intent") === "keep-theirs") {
    const kept = parseFormValues(formData, keepTheirsSchema);
    if (!kept.ok) return replyWithErrors(kept);
    return redirect(`${base}?done=keptTheirs`);
  }
  if (formData.get("intent") === "withdraw") {
    const form = parseFormValues(formData, withdrawSchema);
    if (!form.ok) return replyWithErrors(form);
    const result = await withdrawPlan(access);
    if (!result.ok) return replyWithErrors(fieldErrors(form.values, { _form: result.reason }));
    return redirect(`/people/${access.person.id}/plan?done=withdrawn`);
  }
  const form = parseFormValues(formData, submitPlanSchema);
  if (!form.ok) return replyWithErrors(form);
  if (form.data.intent === "save") {
    const saved = await saveSubmitReason(access, form.data.reason ?? "", form.data.version);
    if (saved.ok) return redirect(`${base}?done=reasonSaved`);
    if ("notNow" in saved) return notNow(access, saved.notNow, formValues(formData).values);
    return await reasonConflict(saved, form.values, languageOf(context));
  }
  const result = await submitPlan(access, {
    consent: form.data.consent,
    reason: form.data.reason,
    reasonVersion: form.data.version,
  });
  if ("conflict" in result) return await reasonConflict(result, form.values, languageOf(context));
  if (!result.ok) return replyWithErrors(fieldErrors(form.values, { [result.field ?? "_form"]: result.reason }));
  return redirect(`${base}?sent=${result.version}`);
}

/** Someone else saved a different reason since this page was loaded: both, side by side, nothing sent. */
async function reasonConflict(result: ReasonConflict, yours: FormValues, lang: ReturnType<typeof languageOf>) {
  const { conflict } = result;
  return data(
    {
      conflict: {
        theirs: { reason: typeof conflict.theirs === "string" ? conflict.theirs : "" },
        theirVersion: conflict.theirVersion,
        savedBy: (await userNames([conflict.savedBy])).get(conflict.savedBy) ?? "",
        savedAt: formatDateTime(conflict.savedAt, lang),
      },
      yours,
    },
    { status: 409 },
  );
}

export default function SubmitPlan({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation(["signoff", "plan"]);
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  const conflict = result && "conflict" in result ? result : undefined;
  const stopped = result && "notNow" in result ? result.notNow : undefined;
  const base = `/people/${d.personId}/plan`;
  if (d.sent) {
    return (
      <div className="narrow">
        <PageTitle>{t("submit.sentTitle")}</PageTitle>
        <div className="confirmation" role="status">
          <h1>{t("submit.sentTitle")}</h1>
          <p>{t("submit.sentBody", { version: d.sent })}</p>
        </div>
        <h2>{t("submit.whatNext")}</h2>
        <p>{t("submit.whatNextBody")}</p>
        <ul className="list">
          <li>
            <a href={`${base}/decision`}>{t("submit.seeDecision")}</a>
          </li>
          <li>
            <a href={base}>{t("submit.backToPlan")}</a>
          </li>
        </ul>
      </div>
    );
  }
  const title = d.isSelf ? t("submit.title") : t("submit.titleFor", { name: d.personName });
  const labels = {
    consent: t("submit.consentLabel"),
    reason: d.needsReason ? t("submit.reason") : t("submit.reasonOptional"),
  };
  if (stopped)
    return <NotNowPage notNow={stopped} labels={labels} title={title} personId={d.personId} backHref={base} />;
  // After a refusal the form keeps the version it was loaded at: what was typed is never saved over a newer reason.
  const version = refusal?.values.version;
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{title}</PageTitle>
      <p>
        <a href={base}>{t("common:form.back")}</a>
      </p>
      <h1>{title}</h1>
      <p className="hint">{t("plan:page.state", { state: t(`plan:states.${d.state}`) })}</p>
      {d.done === "reasonSaved" && (
        <p className="confirmation" role="status">
          {t("submit.reasonSaved")}
        </p>
      )}
      <p>{t("submit.intro")}</p>
      <p>{t("submit.planIntro")}</p>
      <PlanDocumentView doc={d.doc} changeBase={d.canChange ? base : undefined} withCheck={false} />
      <section aria-labelledby="submit-check">
        <h2 id="submit-check">{t("submit.checkHeading")}</h2>
        <PlanCheckList check={d.check} />
      </section>
      {d.refusal ? (
        <div className="inset" role="status">
          <h2>
            {d.refusal === "plan:workflow.alreadySent" ||
            d.refusal === "plan:workflow.signedOffChangesElsewhere" ||
            d.refusal === "plan:workflow.cycleClosed"
              ? t("submit.notNow")
              : t("submit.cannotSend")}
          </h2>
          <p>{t(d.refusal)}</p>
          {d.canWithdraw && (
            <section aria-labelledby="withdraw">
              <h3 id="withdraw">{t("submit.withdrawHeading")}</h3>
              <p>{t("submit.withdrawIntro")}</p>
              <ValidatedForm
                schema={() => import("~/forms/signoff").then((m) => m.withdrawSchema)}
                labels={{}}
                hidden={{ intent: "withdraw" }}
                errors={refusal?.errors}
              >
                <SubmitButton>{t("submit.withdraw")}</SubmitButton>
              </ValidatedForm>
            </section>
          )}
        </div>
      ) : conflict ? (
        <ConflictView
          conflict={conflict.conflict}
          yours={conflict.yours}
          fields={[{ name: "reason", label: labels.reason }]}
        />
      ) : (
        <ValidatedForm
          schema={() => import("~/forms/signoff").then((m) => m.submitPlanSchema)}
          values={refusal?.values ?? { reason: d.reason }}
          errors={refusal?.errors}
          labels={labels}
          hidden={{ intent: "send", version: typeof version === "string" ? version : String(d.reasonVersion) }}
        >
          {d.needsReason && <p className="warning">{t("plan:submit.reasonNeeded")}</p>}
          <TextField name="reason" label={labels.reason} multiline />
          <ChoiceField
            name="consent"
            legend={labels.consent}
            options={[{ value: "on", label: t("submit.consent") }]}
            multiple
          />
          <SubmitButton>{t("submit.send")}</SubmitButton>
        </ValidatedForm>
      )}
    </div>
  );
}
