import { useTranslation } from "react-i18next";
import { redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { content } from "~/content/content.server";
import { mayActOnRecord } from "~/domain/access";
import { changeNeedsSignOff } from "~/domain/plan-criteria";
import { changesSchema, moveMoney, readStage, type ChangeEntry } from "~/domain/plan-stages";
import { moveMoneyFormSchema } from "~/forms/plan-sections";
import { requireRecordAccess } from "~/server/access.server";
import { formatDateTime, formatMoney } from "~/lib/format";
import { parseFormValues, fieldErrors } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { requireOpenCycle } from "~/routes/plan/plan-access.server";
import { replyWithErrors } from "~/lib/responses.server";
import { budgetForPlan } from "~/views/plan-view.server";
import { loadPlan, newEntryId, saveSection } from "~/models/plan.server";
import { userNames } from "~/models/users.server";
import type { Route } from "./+types/using";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["journey-ui", "plan"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const { plan, stages } = loadPlan(access.person.id);
  const changes = readStage(changesSchema, stages.changes, []);
  const budget = budgetForPlan(access.person.id);
  const names = userNames(changes.map((c) => c.by));
  const money = (pence: number) => formatMoney(pence, lang);
  return {
    personId: access.person.id,
    canEdit: mayActOnRecord(access.standing, "edit-draft"),
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
      }))
      .reverse(),
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = requireRecordAccess(context, request, params.personId, "edit-draft");
  requireOpenCycle(access);
  const form = parseFormValues(await request.formData(), moveMoneyFormSchema);
  if (!form.ok) return replyWithErrors(form);
  const { plan, stages } = loadPlan(access.person.id);
  const moved = moveMoney(plan, form.data.fromItemId, form.data.toItemId, form.data.amount);
  if (!moved.ok) return replyWithErrors(fieldErrors(form.values, { amount: moved.error }));
  // Small moves apply at once; anything bigger waits for a new sign-off. Either way it is logged.
  const check = changeNeedsSignOff(
    plan,
    moved.plan,
    budgetForPlan(access.person.id)?.totalPence ?? 0,
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
  if (entry.applied) saveSection(access.person.id, "items", moved.plan.items, "latest", access.actor.id);
  saveSection(
    access.person.id,
    "changes",
    [...readStage(changesSchema, stages.changes, []), entry],
    "latest",
    access.actor.id,
  );
  return redirect(`/people/${access.person.id}/plan/using?done=${entry.applied ? "applied" : "needsSignOff"}`);
}

export default function UsingSupport({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("journey-ui");
  const refusal = useActionData<typeof action>();
  const labels = { fromItemId: t("using.from"), toItemId: t("using.to"), amount: t("using.amount") };
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("using.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/journey`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("using.title")}</h1>
      {d.done && (
        <p className={d.done === "applied" ? "confirmation" : "warning"} role="status">
          {d.done === "applied" ? t("plan:change.allowed") : t("using.needsSignOff")}
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
            schema={moveMoneyFormSchema}
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
                </div>
                <span className={c.applied ? "tag tag--done" : "tag tag--warn"}>
                  {c.applied ? t("using.applied") : t("using.waiting")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
