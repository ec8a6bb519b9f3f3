import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { MONEY_SOURCES } from "~/domain/choices";
import { receivedFormSchema } from "~/forms/money";
import { fieldErrors, parseFormValues } from "~/lib/forms.server";
import { replyWithErrors } from "~/lib/responses.server";
import { recordEntries } from "~/models/money.server";
import { requireRecordAccess } from "~/server/access.server";
import { todayInUk } from "~/views/money-view.server";
import { requireRecorder } from "./money-access.server";
import type { Route } from "./+types/received";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["money"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "record-money");
  const money = await requireRecorder(access);
  return {
    personId: access.person.id,
    ready: Boolean(money),
    heldByOrganisation: access.standing === "lead-professional",
    today: todayInUk(),
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "record-money");
  const money = await requireRecorder(access);
  const form = parseFormValues(await request.formData(), receivedFormSchema);
  if (!form.ok) return replyWithErrors(form);
  if (!money) return replyWithErrors(fieldErrors(form.values, { _form: "money:errors.notSignedOff" }));
  const result = await recordEntries(money, access.person.id, access.actor.id, [
    {
      kind: "received",
      date: form.data.date,
      amountPence: form.data.amount,
      source: form.data.source,
      note: form.data.note,
    },
  ]);
  if (!result.ok)
    return replyWithErrors(
      fieldErrors(form.values, { [result.refusal === "money:errors.date" ? "date" : "_form"]: result.refusal }),
    );
  return redirect(`/people/${access.person.id}/spending?done=received`);
}

export default function MoneyReceived({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("money");
  const refusal = useActionData<typeof action>();
  const labels = {
    date: t("received.date"),
    amount: t("record.amount"),
    source: t("received.source"),
    note: t("record.note"),
  };
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("received.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/spending`}>{t("backToMoney")}</a>
      </p>
      <h1>{t("received.title")}</h1>
      {!d.ready ? (
        <p>{t("notYet")}</p>
      ) : (
        <>
          <p>{d.heldByOrganisation ? t("received.introOrganisation") : t("received.intro")}</p>
          <ValidatedForm
            schema={() => import("~/forms/money").then((m) => m.receivedFormSchema)}
            values={refusal?.values ?? { date: d.today }}
            errors={refusal?.errors}
            labels={labels}
            hidden={{ intent: "received" }}
          >
            <TextField name="date" label={labels.date} type="date" short />
            <TextField name="amount" label={labels.amount} hint={t("record.amountHint")} short />
            <ChoiceField
              name="source"
              legend={labels.source}
              hint={t("received.sourceHint")}
              options={MONEY_SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }))}
            />
            <TextField name="note" label={labels.note} multiline />
            <SubmitButton>{t("received.save")}</SubmitButton>
          </ValidatedForm>
        </>
      )}
    </>
  );
}
