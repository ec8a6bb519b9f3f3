import { useTranslation } from "~/lib/use-translation";
import { redirect, useActionData } from "react-router";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { grantApplySchema } from "~/forms/grants";
import { requireRecordAccess } from "~/server/access.server";
import { fieldErrors, parseForm } from "~/lib/forms.server";
import { formatMoney } from "~/lib/format";
import { languageOf } from "~/lib/i18n.server";
import { errorWith } from "~/lib/form-messages";
import { replyWithErrors } from "~/lib/responses.server";
import { applyForGrant, grantRules, mayApplyNow } from "~/models/grants.server";
import type { Route } from "./+types/apply";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["grants"] };

/** Asking for a small grant in a few questions: what for, how it helps, how much (up to the cap). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "apply-for-grant");
  const rules = await grantRules();
  return {
    personId: access.person.id,
    open: await mayApplyNow(access.person.id),
    cap: formatMoney(rules.capPounds * 100, languageOf(context)),
    days: rules.answerWithinDays,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "apply-for-grant");
  const form = await parseForm(request, grantApplySchema);
  if (!form.ok) return replyWithErrors(form);
  const rules = await grantRules();
  const done = await applyForGrant(access, {
    purpose: form.data.purpose,
    howItHelps: form.data.howItHelps,
    askedPence: form.data.amount,
  });
  if (!done.ok)
    return replyWithErrors(
      fieldErrors(
        form.values,
        done.reason === "cap"
          ? { amount: errorWith("grants:errors.cap", { cap: formatMoney(rules.capPounds * 100, languageOf(context)) }) }
          : { _form: "grants:errors.notOpen" },
      ),
    );
  return redirect(`/people/${access.person.id}/grants/${done.id}`);
}

export default function ApplyForGrant({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("grants");
  const refusal = useActionData<typeof action>();
  const labels = {
    purpose: t("apply.purpose"),
    howItHelps: t("apply.howItHelps"),
    amount: t("apply.amount", { cap: d.cap }),
  };
  return (
    <div className="narrow">
      <PageTitle error={Boolean(refusal)}>{t("apply.title")}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/grants`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("apply.title")}</h1>
      {d.open ? (
        <>
          <p>{t("apply.intro", { cap: d.cap, days: d.days })}</p>
          <ValidatedForm
            schema={() => import("~/forms/grants").then((m) => m.grantApplySchema)}
            values={refusal?.values}
            errors={refusal?.errors}
            labels={labels}
          >
            <TextField name="purpose" label={labels.purpose} hint={t("apply.purposeHint")} />
            <TextField name="howItHelps" label={labels.howItHelps} multiline />
            <TextField name="amount" label={labels.amount} short inputMode="text" />
            <SubmitButton>{t("apply.send")}</SubmitButton>
          </ValidatedForm>
        </>
      ) : (
        <p>{t("apply.notOpen")}</p>
      )}
    </div>
  );
}
