import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { NotNowPage, PlanLockNotice } from "~/components/plan-lock";
import { notNow, planPageState, savedBy } from "~/routes/plan/plan-access.server";
import type { PlanState } from "~/domain/workflow";
import { transaction } from "~/lib/db.server";
import { notifyWithEmail } from "~/models/notifications.server";
import { signedOffVersion } from "~/models/signoff.server";
import { content } from "~/content/content.server";
import { changeNeedsSignOff } from "~/domain/plan-criteria";
import { agreedPlan, changesSchema, isWaiting, moveMoney, readStage, type ChangeEntry } from "~/domain/plan-stages";
import { mayActOnRecord } from "~/domain/access";
import { moveMoneyFormSchema } from "~/forms/plan-sections";
import { requireRecordAccess } from "~/server/access.server";
import { formatDateTime, formatMoney } from "~/lib/format";
import { formValues, parseFormValues, fieldErrors } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { budgetForPlan } from "~/views/plan-view.server";
import { canSaveNow, currentPlan, loadPlan, newEntryId, saveSection } from "~/models/plan.server";
import { userNames } from "~/models/users.server";
import type { Route } from "./+types/using";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["journey-ui", "plan", "signoff"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const { plan, stages } = await loadPlan(access.person.id);
  const changes = readStage(changesSchema, stages.changes, []);
  const budget = await budgetForPlan(access.person.id);
  const names = await userNames(changes.flatMap((c) => [c.by, c.decision?.by ?? c.by]));
  const money = (pence: number) => formatMoney(pence, lang);
  return {
    personId: access.person.id,
    ...(await planPageState(access, "record-use")),
    items: plan.items.map((item) => ({ value: item.id, label: `${item.what} · ${money(item.yearlyCostPence)}` })),
    smallChange: budget ? money(Math.floor((budget.totalPence * content().planCheck.minorChangePercent) / 100)) : null,
    percent: content().planCheck.minorChangePercent,
    log: changes
      .map((c) => ({
        id: c.id,
        when: formatDateTime(c.at, lang),
        by: names.get(c.by) ?? "",
        from: c.fromWhat,
        to: c.toWhat,
        amount: money(c.amountPence),
        applied: c.applied,
        reasons: c.reasons,
        decision: c.decision
          ? { agreed: c.decision.outcome === "agreed", reason: c.decision.reason, by: names.get(c.decision.by) ?? "" }
          : null,
      }))
      .reverse(),
    // The lead professional decides on the changes waiting for them on their own screen.
    waitingForMe: mayActOnRecord(access.standing, "sign-off") ? changes.filter(isWaiting).length : 0,
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "edit-draft");
  const formData = await request.formData();
  const typed = formValues(formData).values;
  const row = await currentPlan(access.person.id);
  if (!canSaveNow(row, "record-use")) return notNow(access, (row?.state ?? "draft") as PlanState, typed);
  const form = parseFormValues(formData, moveMoneyFormSchema);
  if (!form.ok) return replyWithErrors(form);
  const { plan, stages } = await loadPlan(access.person.id);
  const moved = moveMoney(plan, form.data.fromItemId, form.data.toItemId, form.data.amount);
  if (!moved.ok) return replyWithErrors(fieldErrors(form.values, { amount: moved.error }));
  // After sign-off, every change is compared with the signed-off plan (with the changes the lead
  // professional has agreed since), so small moves add up: once they pass the allowed share
  // together, the next one goes to the lead professional. Before sign-off there is nothing signed
  // off yet: the plan itself is the comparison.
  const signedOff = row ? await signedOffVersion(row.id) : null;
  const check = changeNeedsSignOff(
    signedOff ? agreedPlan(signedOff.plan, readStage(changesSchema, stages.changes, [])) : plan,
    moved.plan,
    signedOff?.budgetPence ?? (await budgetForPlan(access.person.id))?.totalPence ?? 0,
    content().planCheck,
  );
  const name = (id: string) => plan.items.find((item) => item.id === id)?.what ?? "";
  const entry: ChangeEntry = {
    id: newEntryId(),
    at: new Date().toISOString(),
    by: access.actor.id,
    fromItemId: form.data.fromItemId,
    toItemId: form.data.toItemId,
    fromWhat: name(form.data.fromItemId),
    toWhat: name(form.data.toItemId),
    amountPence: form.data.amount,
    applied: !check.needsSignOff,
    reasons: check.reasons,
  };
  const by = savedBy(access);
  const saved = await transaction(async () => {
    if (entry.applied) {
      const items = await saveSection(access.person.id, "items", moved.plan.items, "latest", by, "record-use");
      if (!items.ok) return items;
    }
    return await saveSection(
      access.person.id,
      "changes",
      (stored: unknown) => [...readStage(changesSchema, stored, []), entry],
      "latest",
      by,
      "record-use",
    );
  });
  if (!saved.ok && "notNow" in saved) return notNow(access, saved.notNow, typed);
  // The lead professional hears of every change after sign-off: made at once, or waiting for them.
  if (signedOff && access.person.leadProfessionalId)
    await notifyWithEmail(
      access.person.leadProfessionalId,
      entry.applied ? "plan-changed" : "change-request",
      { name: access.personName },
      `/people/${access.person.id}/plan/${entry.applied ? "using" : "change-requests"}`,
    );
  return redirect(`/people/${access.person.id}/plan/using?done=${entry.applied ? "applied" : "needsSignOff"}`);
}

export default function UsingSupport({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  const result = useActionData<typeof action>();
  const refusal = result && "errors" in result ? result : undefined;
  const stopped = result && "notNow" in result ? result.notNow : undefined;
  const labels = { fromItemId: t("using.from"), toItemId: t("using.to"), amount: t("using.amount") };
  if (stopped)
    return (
      <NotNowPage
        notNow={stopped}
        labels={labels}
        title={t("using.title")}
        personId={d.personId}
        backHref={`/people/${d.personId}/plan/using`}
      />
    );
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("using.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/journey`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("using.title")}</h1>
      <PlanLockNotice lock={d.lock} personId={d.personId} />
      {d.done && (
        <p className={d.done === "applied" ? "confirmation" : "warning"} role="status">
          {d.done === "applied" ? t("plan:change.allowed") : t("using.needsSignOff")}
        </p>
      )}
      {d.waitingForMe > 0 && (
        <p className="inset">
          <a href={`/people/${d.personId}/plan/change-requests`}>
            {t("signoff:changeRequests.link", { count: d.waitingForMe })}
          </a>
        </p>
      )}
      <p>{t("using.intro", { percent: d.percent })}</p>
      {d.smallChange && (
        <p className="inset">{t("using.smallChange", { amount: d.smallChange, percent: d.percent })}</p>
      )}
      <p>
        {t("using.newKind")} <a href={`/people/${d.personId}/plan/items`}>{t("using.itemsLink")}</a>
      </p>
      {d.canEdit && d.items.length >= 2 && (
        <section aria-labelledby="move-money">
          <h2 id="move-money">{t("using.moveHeading")}</h2>
          <ValidatedForm
            schema={() => import("~/forms/plan-sections").then((m) => m.moveMoneyFormSchema)}
            values={refusal?.values}
            errors={refusal?.errors}
            labels={labels}
            hidden={{ intent: "move" }}
          >
            <ChoiceField name="fromItemId" legend={labels.fromItemId} options={d.items} />
            <ChoiceField name="toItemId" legend={labels.toItemId} options={d.items} />
            <TextField name="amount" label={labels.amount} hint={t("using.amountHint")} short />
            <SubmitButton>{t("using.move")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
      <section aria-labelledby="change-log">
        <h2 id="change-log">{t("using.logHeading")}</h2>
        {d.log.length === 0 ? (
          <p>{t("using.noChanges")}</p>
        ) : (
          <ul className="task-list">
            {d.log.map((c) => (
              <li key={c.id}>
                <div>
                  <p>{t("using.moved", { amount: c.amount, from: c.from, to: c.to })}</p>
                  <p className="hint">{t("using.loggedBy", { when: c.when, by: c.by })}</p>
                  {c.reasons.map((r) => (
                    <p key={r} className="hint">
                      {t(`plan:${r}`)}
                    </p>
                  ))}
                  {c.decision && (
                    <p>
                      {t(c.decision.agreed ? "using.decisionAgreed" : "using.decisionNotAgreed", {
                        by: c.decision.by,
                        reason: c.decision.reason,
                      })}
                    </p>
                  )}
                </div>
                <span className={c.applied || c.decision?.agreed ? "tag tag--done" : "tag tag--warn"}>
                  {c.applied
                    ? t("using.applied")
                    : c.decision
                      ? t(c.decision.agreed ? "using.agreed" : "using.notAgreed")
                      : t("using.waiting")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
