import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { mayActOnRecord, mayRecordMoney } from "~/domain/access";
import { contingencyLeft } from "~/domain/ledger";
import { contingencyAgreeFormSchema, contingencyDrawFormSchema } from "~/forms/money";
import { formatMoney } from "~/lib/format";
import { fieldErrors, parseFormValues } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { agreeContingency, asLedger, entriesOf, moneyPlan, recordEntries } from "~/models/money.server";
import { notifyWithEmail } from "~/models/notifications.server";
import { requireRecordAccess } from "~/server/access.server";
import { todayInUk } from "~/views/money-view.server";
import type { Route } from "./+types/contingency";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["money"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const money = await moneyPlan(access.person.id);
  const left = money?.contingency
    ? contingencyLeft(asLedger(await entriesOf(money.planId)), money.contingency.amountPence)
    : 0;
  return {
    personId: access.person.id,
    ready: Boolean(money),
    whatHelps: money?.whatHelps ?? "",
    contingency: money?.contingency
      ? {
          amount: formatMoney(money.contingency.amountPence, lang),
          whatFor: money.contingency.whatFor,
          left: formatMoney(left, lang),
        }
      : null,
    canAgree: Boolean(money) && mayActOnRecord(access.standing, "agree-contingency"),
    canDraw: Boolean(money?.contingency) && left > 0 && mayRecordMoney(access.standing, money?.management ?? null),
    today: todayInUk(),
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const money = await moneyPlan(access.person.id);
  const formData = await request.formData();
  const back = `/people/${access.person.id}/spending/contingency`;
  // The lead professional records the sum agreed at sign-off; whoever handles the money draws on it.
  if (mayActOnRecord(access.standing, "agree-contingency")) {
    const form = parseFormValues(formData, contingencyAgreeFormSchema);
    if (!form.ok) return replyWithErrors(form);
    if (!money) return replyWithErrors(fieldErrors(form.values, { _form: "money:errors.notSignedOff" }));
    await agreeContingency(money, access.person.id, access.actor.id, form.data.amount, form.data.whatFor);
    return redirect(`${back}?done=agreed`);
  }
  if (!mayRecordMoney(access.standing, money?.management ?? null)) throw data(null, { status: 404 });
  const form = parseFormValues(formData, contingencyDrawFormSchema);
  if (!form.ok) return replyWithErrors(form);
  if (!money) return replyWithErrors(fieldErrors(form.values, { _form: "money:errors.notSignedOff" }));
  // No new approval: the money is the person's to use at once; the lead professional is told afterwards.
  const result = await recordEntries(money, access.person.id, access.actor.id, [
    {
      kind: "spent",
      contingency: true,
      date: form.data.date,
      amountPence: form.data.amount,
      payee: form.data.payee,
      note: form.data.note,
      sector: "community",
    },
  ]);
  if (!result.ok) return replyWithErrors(fieldErrors(form.values, { amount: result.refusal }));
  if (access.person.leadProfessionalId)
    await notifyWithEmail(
      access.person.leadProfessionalId,
      "contingency-drawn",
      { name: access.personName, amount: formatMoney(form.data.amount, languageOf(context)) },
      `/people/${access.person.id}/spending`,
    );
  return redirect(`${back}?done=drawn`);
}

export default function Contingency({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("money");
  const refusal = useActionData<typeof action>();
  const agreeLabels = { amount: t("contingency.amount"), whatFor: t("contingency.whatFor") };
  const drawLabels = {
    date: t("record.date"),
    amount: t("record.amount"),
    payee: t("record.payee"),
    note: t("record.note"),
  };
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("contingency.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/spending`}>{t("backToMoney")}</a>
      </p>
      <h1>{t("contingency.title")}</h1>
      {d.done && (
        <p className="confirmation" role="status">
          {t(`done.${d.done}`, { defaultValue: t("done.saved") })}
        </p>
      )}
      <p>{t("contingency.intro")}</p>
      {!d.ready ? (
        <p>{t("notYet")}</p>
      ) : (
        <>
          {d.whatHelps && (
            <section aria-labelledby="what-helps" className="inset">
              <h2 id="what-helps">{t("contingency.whatHelps")}</h2>
              <p>{d.whatHelps}</p>
            </section>
          )}
          {d.contingency ? (
            <p data-testid="contingency">
              {t("contingency.summary", {
                amount: d.contingency.amount,
                left: d.contingency.left,
                whatFor: d.contingency.whatFor,
              })}
            </p>
          ) : (
            <p>{t("contingency.none")}</p>
          )}
          {d.canAgree && (
            <section aria-labelledby="agree">
              <h2 id="agree">{t("contingency.agreeHeading")}</h2>
              <ValidatedForm
                schema={() => import("~/forms/money").then((m) => m.contingencyAgreeFormSchema)}
                values={refusal?.values}
                errors={refusal?.errors}
                labels={agreeLabels}
                hidden={{ intent: "agree" }}
              >
                <TextField name="amount" label={agreeLabels.amount} hint={t("record.amountHint")} short />
                <TextField name="whatFor" label={agreeLabels.whatFor} hint={t("contingency.whatForHint")} multiline />
                <SubmitButton>{t("contingency.agree")}</SubmitButton>
              </ValidatedForm>
            </section>
          )}
          {d.canDraw && (
            <section aria-labelledby="draw">
              <h2 id="draw">{t("contingency.drawHeading")}</h2>
              <p>{t("contingency.drawIntro")}</p>
              <ValidatedForm
                schema={() => import("~/forms/money").then((m) => m.contingencyDrawFormSchema)}
                values={refusal?.values ?? { date: d.today }}
                errors={refusal?.errors}
                labels={drawLabels}
                hidden={{ intent: "draw" }}
              >
                <TextField name="date" label={drawLabels.date} type="date" short />
                <TextField name="amount" label={drawLabels.amount} hint={t("record.amountHint")} short />
                <TextField name="payee" label={drawLabels.payee} />
                <TextField name="note" label={drawLabels.note} multiline />
                <SubmitButton>{t("contingency.draw")}</SubmitButton>
              </ValidatedForm>
            </section>
          )}
        </>
      )}
    </>
  );
}
