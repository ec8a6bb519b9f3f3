import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { SubmitButton, useErrorText, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { STATEMENT_MAX_BYTES } from "~/domain/ledger";
import { statementUploadFormSchema } from "~/forms/money";
import { errorWith } from "~/lib/form-messages";
import { fieldErrors, parseFormValues } from "~/lib/forms.server";
import { replyWithErrors } from "~/lib/responses.server";
import { createImport } from "~/models/money.server";
import { requireRecordAccess } from "~/server/access.server";
import { requireRecorder } from "./money-access.server";
import { declaredTooBig, readCsv, readStatementFile, takeFile } from "./uploads.server";
import type { Route } from "./+types/import";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["money"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "record-money");
  const money = await requireRecorder(access);
  return { personId: access.person.id, ready: Boolean(money) };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "record-money");
  const money = await requireRecorder(access);
  if (declaredTooBig(request, STATEMENT_MAX_BYTES + 16 * 1024))
    return replyWithErrors(fieldErrors({}, { statement: "money:errors.statementTooBig" }), 413);
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return replyWithErrors(fieldErrors({}, { statement: "money:errors.fileMissing" }));
  }
  const { rest, file } = takeFile(formData, "statement");
  const form = parseFormValues(rest, statementUploadFormSchema);
  if (!form.ok) return replyWithErrors(form);
  if (!money) return replyWithErrors(fieldErrors(form.values, { _form: "money:errors.notSignedOff" }));
  const read = await readStatementFile(file);
  if (!read.ok) return replyWithErrors(fieldErrors(form.values, { statement: read.error }));
  const csv = readCsv(read.text);
  if (!csv.ok)
    return replyWithErrors(
      fieldErrors(form.values, { statement: errorWith("money:import.unreadable", { line: csv.line }) }),
    );
  const id = await createImport(access.person.id, money.planId, access.actor.id, read.text);
  return redirect(`/people/${access.person.id}/spending/import/${id}`);
}

export default function ImportStatement({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("money");
  const refusal = useActionData<typeof action>();
  const error = refusal?.errors?.statement;
  const errorText = useErrorText();
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("import.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/spending`}>{t("backToMoney")}</a>
      </p>
      <h1>{t("import.title")}</h1>
      {!d.ready ? (
        <p>{t("notYet")}</p>
      ) : (
        <>
          <p>{t("import.intro")}</p>
          <ValidatedForm
            schema={() => import("~/forms/money").then((m) => m.statementUploadFormSchema)}
            errors={refusal?.errors}
            labels={{ statement: t("import.file") }}
            hidden={{ intent: "upload" }}
            encType="multipart/form-data"
          >
            <div className={error ? "field field--error" : "field"}>
              <label htmlFor="f-statement">{t("import.file")}</label>
              <span className="hint" id="f-statement-hint">
                {t("import.fileHint")}
              </span>
              {error && (
                <span className="error-message" id="f-statement-error">
                  <span className="visually-hidden">{t("common:errors.titlePrefix")} </span>
                  {errorText(error)}
                </span>
              )}
              <input
                type="file"
                id="f-statement"
                name="statement"
                accept=".csv,text/csv"
                aria-describedby={error ? "f-statement-hint f-statement-error" : "f-statement-hint"}
                aria-invalid={error ? true : undefined}
              />
            </div>
            <SubmitButton>{t("import.upload")}</SubmitButton>
          </ValidatedForm>
        </>
      )}
    </>
  );
}
