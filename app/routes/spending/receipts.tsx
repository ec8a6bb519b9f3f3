import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, useErrorText, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { RECEIPT_UPLOAD_BODY_LIMIT } from "~/domain/ledger";
import { receiptFormSchema } from "~/forms/money";
import { formatDate, formatMoney } from "~/lib/format";
import { fieldErrors, parseFormValues } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { entriesOf, saveReceipt } from "~/models/money.server";
import { requireRecordAccess } from "~/server/access.server";
import { requireRecorder } from "./money-access.server";
import { declaredTooBig, readReceiptFile, takeFile } from "./uploads.server";
import type { Route } from "./+types/receipts";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["money"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "record-money");
  const money = await requireRecorder(access);
  const lang = languageOf(context);
  const url = new URL(request.url);
  const rows = money ? (await entriesOf(money.planId)).filter((e) => e.kind === "spent" || e.kind === "committed") : [];
  return {
    personId: access.person.id,
    ready: Boolean(money),
    entry: url.searchParams.get("entry") ?? undefined,
    done: url.searchParams.get("done"),
    entries: rows
      .map((e) => ({
        value: e.id,
        label: `${formatDate(e.entryDate, lang)} · ${formatMoney(e.amountPence, lang)} · ${e.payee ?? ""}`,
      }))
      .reverse(),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "record-money");
  const money = await requireRecorder(access);
  // The designed exception to the usual form limit: a receipt of up to 5 MB and a small form.
  if (declaredTooBig(request, RECEIPT_UPLOAD_BODY_LIMIT))
    return replyWithErrors(fieldErrors({}, { receipt: "money:errors.receiptTooBig" }), 413);
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return replyWithErrors(fieldErrors({}, { receipt: "money:errors.fileMissing" }));
  }
  const { rest, file } = takeFile(formData, "receipt");
  const form = parseFormValues(rest, receiptFormSchema);
  if (!form.ok) return replyWithErrors(form);
  if (!money) return replyWithErrors(fieldErrors(form.values, { _form: "money:errors.notSignedOff" }));
  const entry = (await entriesOf(money.planId)).find(
    (e) => e.id === form.data.entryId && (e.kind === "spent" || e.kind === "committed"),
  );
  if (!entry) return replyWithErrors(fieldErrors(form.values, { entryId: "money:errors.noSuchEntry" }));
  const read = await readReceiptFile(file);
  if (!read.ok) return replyWithErrors(fieldErrors(form.values, { receipt: read.error }));
  await saveReceipt(access.person.id, entry.id, access.actor.id, read);
  return redirect(`/people/${access.person.id}/spending?done=receipt`);
}

export default function AddReceipt({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("money");
  const refusal = useActionData<typeof action>();
  const labels = { entryId: t("receipts.entry"), receipt: t("receipts.file") };
  const fileError = refusal?.errors?.receipt;
  const errorText = useErrorText();
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("receipts.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/spending`}>{t("backToMoney")}</a>
      </p>
      <h1>{t("receipts.title")}</h1>
      {d.done && (
        <p className="confirmation" role="status">
          {t(`done.${d.done}`, { defaultValue: t("done.saved") })}
        </p>
      )}
      {!d.ready ? (
        <p>{t("notYet")}</p>
      ) : d.entries.length === 0 ? (
        <p>{t("receipts.noPayments")}</p>
      ) : (
        <ValidatedForm
          schema={() => import("~/forms/money").then((m) => m.receiptFormSchema)}
          values={refusal?.values ?? (d.entry ? { entryId: d.entry } : {})}
          errors={refusal?.errors}
          labels={labels}
          hidden={{ intent: "receipt" }}
          encType="multipart/form-data"
        >
          <ChoiceField name="entryId" legend={labels.entryId} options={d.entries} />
          <div className={fileError ? "field field--error" : "field"}>
            <label htmlFor="f-receipt">{labels.receipt}</label>
            <span className="hint" id="f-receipt-hint">
              {t("receipts.hint")}
            </span>
            {fileError && (
              <span className="error-message" id="f-receipt-error">
                <span className="visually-hidden">{t("common:errors.titlePrefix")} </span>
                {errorText(fileError)}
              </span>
            )}
            <input
              type="file"
              id="f-receipt"
              name="receipt"
              accept="image/jpeg,image/png,image/webp,image/heic,application/pdf"
              aria-describedby={fileError ? "f-receipt-hint f-receipt-error" : "f-receipt-hint"}
              aria-invalid={fileError ? true : undefined}
            />
          </div>
          <SubmitButton>{t("receipts.save")}</SubmitButton>
        </ValidatedForm>
      )}
    </>
  );
}
