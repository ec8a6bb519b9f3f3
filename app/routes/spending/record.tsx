import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { PAYMENT_METHODS, PROVIDER_SECTORS } from "~/domain/choices";
import { paymentFormSchema } from "~/forms/money";
import { fieldErrors, parseFormValues } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { formatMoney } from "~/lib/format";
import { replyWithErrors } from "~/lib/responses.server";
import { recordEntries } from "~/models/money.server";
import { requireRecordAccess } from "~/server/access.server";
import { todayInUk } from "~/views/money-view.server";
import { requireRecorder } from "./money-access.server";
import type { Route } from "./+types/record";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["money"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "record-money");
  const money = await requireRecorder(access);
  const lang = languageOf(context);
  return {
    personId: access.person.id,
    ready: Boolean(money),
    today: todayInUk(),
    items: (money?.items ?? []).map((i) => ({
      value: i.id,
      label: `${i.what} · ${formatMoney(i.plannedPence, lang)}`,
    })),
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "record-money");
  const money = await requireRecorder(access);
  const formData = await request.formData();
  const form = parseFormValues(formData, paymentFormSchema);
  if (!form.ok) return replyWithErrors(form);
  if (!money) return replyWithErrors(fieldErrors(form.values, { _form: "money:errors.notSignedOff" }));
  const inPlan = form.data.itemId !== "not-in-plan";
  if (inPlan && !money.items.some((i) => i.id === form.data.itemId))
    return replyWithErrors(fieldErrors(form.values, { itemId: "money:errors.unknownItem" }));
  const result = await recordEntries(money, access.person.id, access.actor.id, [
    {
      kind: form.data.status === "paid" ? "spent" : "committed",
      date: form.data.date,
      amountPence: form.data.amount,
      itemId: inPlan ? form.data.itemId : null,
      payee: form.data.payee,
      method: form.data.method,
      sector: form.data.sector,
      note: form.data.note,
    },
  ]);
  if (!result.ok)
    return replyWithErrors(
      fieldErrors(form.values, { [result.refusal === "money:errors.date" ? "date" : "_form"]: result.refusal }),
    );
  return redirect(`/people/${access.person.id}/spending/receipts?entry=${result.ids[0]}&done=payment`);
}

export default function RecordMoney({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("money");
  const refusal = useActionData<typeof action>();
  const paymentLabels = {
    date: t("record.date"),
    amount: t("record.amount"),
    payee: t("record.payee"),
    itemId: t("record.item"),
    status: t("record.status"),
    method: t("record.method"),
    sector: t("record.sector"),
    note: t("record.note"),
  };
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("record.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/spending`}>{t("backToMoney")}</a>
      </p>
      <h1>{t("record.title")}</h1>
      {d.done && (
        <p className="confirmation" role="status">
          {t(`done.${d.done}`, { defaultValue: t("done.saved") })}
        </p>
      )}
      {!d.ready ? (
        <p>{t("notYet")}</p>
      ) : (
        <>
          <p>{t("record.intro")}</p>
          <section>
            <ValidatedForm
              schema={() => import("~/forms/money").then((m) => m.paymentFormSchema)}
              values={refusal?.values ?? { date: d.today, status: "paid", sector: "community" }}
              errors={refusal?.errors}
              labels={paymentLabels}
              hidden={{ intent: "payment" }}
              id="payment-form"
            >
              <TextField name="date" label={paymentLabels.date} type="date" short />
              <TextField
                name="amount"
                label={paymentLabels.amount}
                hint={t("record.amountHint")}
                short
                inputMode="text"
              />
              <TextField name="payee" label={paymentLabels.payee} />
              <ChoiceField
                name="itemId"
                legend={paymentLabels.itemId}
                options={[
                  ...d.items,
                  { value: "not-in-plan", label: t("record.notInPlan"), hint: t("record.notInPlanHint") },
                ]}
              />
              <ChoiceField
                name="status"
                legend={paymentLabels.status}
                options={[
                  { value: "paid", label: t("record.paid") },
                  { value: "promised", label: t("record.promised"), hint: t("record.promisedHint") },
                ]}
              />
              <ChoiceField
                name="method"
                legend={paymentLabels.method}
                options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`methods.${m}`) }))}
              />
              <ChoiceField
                name="sector"
                legend={paymentLabels.sector}
                options={PROVIDER_SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
              />
              <TextField name="note" label={paymentLabels.note} multiline />
              <SubmitButton>{t("record.savePayment")}</SubmitButton>
            </ValidatedForm>
          </section>
        </>
      )}
    </>
  );
}
