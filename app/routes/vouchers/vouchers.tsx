import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { mayActOnRecord } from "~/domain/access";
import { voucherLeft } from "~/domain/vouchers";
import { issueVoucherSchema } from "~/forms/vouchers";
import { requireRecordAccess } from "~/server/access.server";
import { fieldErrors, parseForm } from "~/lib/forms.server";
import { formatDate } from "~/lib/format";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { claimsOf, issueVoucher, voucherTreatments, vouchersOf } from "~/models/vouchers.server";
import type { Route } from "./+types/vouchers";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["vouchers"] };

/** The person's treatment vouchers; the lead professional issues one here. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const treatments = await voucherTreatments();
  const title = (treatment: string) => treatments.find((t) => t.treatment === treatment)?.title[lang] ?? treatment;
  const list = [];
  for (const v of await vouchersOf(access.person.id)) {
    const left = voucherLeft(v, await claimsOf(v.id));
    list.push({
      id: v.id,
      treatment: title(v.treatment),
      sessions: v.sessions,
      sessionsLeft: left.sessions,
      expiresOn: formatDate(v.expiresOn, lang),
    });
  }
  return {
    personId: access.person.id,
    isSelf: access.standing === "self",
    personName: access.personName,
    mayIssue: mayActOnRecord(access.standing, "issue-voucher"),
    treatments: treatments.map((t) => ({ value: t.treatment, label: t.title[lang] })),
    vouchers: list,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "issue-voucher");
  const form = await parseForm(request, issueVoucherSchema);
  if (!form.ok) return replyWithErrors(form);
  const done = await issueVoucher(access, {
    treatment: form.data.treatment,
    sessions: form.data.sessions,
    valuePence: form.data.value,
    expiresOn: form.data.expiresOn,
  });
  if (!done.ok) return replyWithErrors(fieldErrors(form.values, { treatment: "vouchers:errors.treatment" }));
  return redirect(`/people/${access.person.id}/vouchers/${done.id}`);
}

export default function Vouchers({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("vouchers");
  const refusal = useActionData<typeof action>();
  const title = d.isSelf ? t("list.title") : t("list.titleFor", { name: d.personName });
  const labels = {
    treatment: t("issue.treatment"),
    sessions: t("issue.sessions"),
    value: t("issue.value"),
    expiresOn: t("issue.expiresOn"),
  };
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{title}</PageTitle>
      <p>
        <a href={`/people/${d.personId}`}>{t("common:form.back")}</a>
      </p>
      <h1>{title}</h1>
      <p>{t("list.intro")}</p>
      {d.vouchers.length === 0 ? (
        <p>{t("list.none")}</p>
      ) : (
        <ul className="list">
          {d.vouchers.map((v) => (
            <li key={v.id}>
              <a href={`/people/${d.personId}/vouchers/${v.id}`}>{v.treatment}</a>:{" "}
              {t("list.line", { left: v.sessionsLeft, sessions: v.sessions, date: v.expiresOn })}
            </li>
          ))}
        </ul>
      )}
      {d.mayIssue && (
        <section aria-labelledby="issue-title">
          <h2 id="issue-title">{t("issue.title")}</h2>
          <ValidatedForm
            schema={() => import("~/forms/vouchers").then((m) => m.issueVoucherSchema)}
            hidden={{ intent: "issue" }}
            values={refusal?.values}
            errors={refusal?.errors}
            labels={labels}
          >
            <ChoiceField name="treatment" legend={labels.treatment} options={d.treatments} />
            <TextField name="sessions" label={labels.sessions} short inputMode="numeric" />
            <TextField name="value" label={labels.value} hint={t("issue.valueHint")} short />
            <TextField name="expiresOn" label={labels.expiresOn} type="date" />
            <SubmitButton>{t("issue.save")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
    </>
  );
}
