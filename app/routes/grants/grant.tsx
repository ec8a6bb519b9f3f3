import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { mayActOnRecord } from "~/domain/access";
import { grantLeft } from "~/domain/grants";
import { grantDecisionSchema, grantSpendingSchema } from "~/forms/grants";
import { requireRecordAccess } from "~/server/access.server";
import { fieldErrors, parseFormValues } from "~/lib/forms.server";
import { formatDate, formatMoney } from "~/lib/format";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { decideGrant, grantOf, recordGrantSpending, spendingOf } from "~/models/grants.server";
import { userNames } from "~/models/users.server";
import type { Route } from "./+types/grant";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["grants"] };

/**
 * One small grant: what was asked and why; the team's decision with its reason (the person's lead
 * professional decides while it is asked); once granted, a small budget with its own record of spending.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const grant = await grantOf(access.person.id, params.grantId);
  if (!grant) throw data(null, { status: 404 });
  const lang = languageOf(context);
  const money = (pence: number) => formatMoney(pence, lang);
  const spending = await spendingOf(grant.id);
  const left =
    grant.grantedPence !== null
      ? grantLeft(
          grant.grantedPence,
          spending.map((s) => s.amountPence),
        )
      : 0;
  const names = await userNames([grant.askedBy, ...(grant.decidedBy ? [grant.decidedBy] : [])]);
  return {
    personId: access.person.id,
    personName: access.personName,
    grant: {
      purpose: grant.purpose,
      howItHelps: grant.howItHelps,
      asked: money(grant.askedPence),
      askedBy: names.get(grant.askedBy) ?? "",
      askedOn: formatDate(grant.askedAt, lang),
      answerBy: formatDate(grant.answerBy, lang),
      state: grant.state,
      granted: grant.grantedPence !== null ? money(grant.grantedPence) : null,
      reason: grant.decisionReason,
      decidedBy: grant.decidedBy ? (names.get(grant.decidedBy) ?? "") : null,
      decidedOn: grant.decidedAt ? formatDate(grant.decidedAt, lang) : null,
    },
    spent: money(grant.grantedPence !== null ? grant.grantedPence - left : 0),
    left: money(left),
    spending: spending.map((s) => ({
      id: s.id,
      date: formatDate(s.spentOn, lang),
      what: s.what,
      amount: money(s.amountPence),
    })),
    mayDecide: grant.state === "asked" && mayActOnRecord(access.standing, "decide-grant"),
    maySpend: grant.state === "granted" && left > 0 && mayActOnRecord(access.standing, "record-grant-spending"),
    askedAmount: (grant.askedPence / 100).toFixed(2),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  // A grant that is not this person's answers 404 before anything typed is looked at.
  const grantHere = async (personId: string) => {
    if (!(await grantOf(personId, params.grantId))) throw data(null, { status: 404 });
  };
  if (intent === "decide") {
    const access = await requireRecordAccess(context, request, params.personId, "decide-grant");
    await grantHere(access.person.id);
    const form = parseFormValues(formData, grantDecisionSchema);
    if (!form.ok) return replyWithErrors({ ...form, intent });
    const done = await decideGrant(access, params.grantId, {
      decision: form.data.decision,
      grantedPence: form.data.decision === "grant" ? form.data.grantedAmount : undefined,
      reason: form.data.reason,
    });
    if (!done.ok) {
      if (done.reason === "not-found") throw data(null, { status: 404 });
      const errors: Record<string, string> =
        done.reason === "amount"
          ? { grantedAmount: "grants:errors.moreThanAsked" }
          : { _form: "grants:errors.decided" };
      return replyWithErrors({ ...fieldErrors(form.values, errors), intent }, 409);
    }
    return redirect(`/people/${access.person.id}/grants/${params.grantId}`);
  }
  const access = await requireRecordAccess(context, request, params.personId, "record-grant-spending");
  await grantHere(access.person.id);
  const form = parseFormValues(formData, grantSpendingSchema);
  if (!form.ok) return replyWithErrors({ ...form, intent: "spend" });
  const done = await recordGrantSpending(access, params.grantId, {
    spentOn: form.data.spentOn,
    amountPence: form.data.amount,
    what: form.data.what,
  });
  if (!done.ok) {
    if (done.reason === "not-found") throw data(null, { status: 404 });
    const errors: Record<string, string> =
      done.reason === "more-than-left"
        ? { amount: "grants:errors.moreThanLeft" }
        : { _form: "grants:errors.notGranted" };
    return replyWithErrors({ ...fieldErrors(form.values, errors), intent: "spend" }, 409);
  }
  return redirect(`/people/${access.person.id}/grants/${params.grantId}`);
}

export default function Grant({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("grants");
  const refusal = useActionData<typeof action>();
  const refusalFor = (intent: string) => (refusal?.intent === intent ? refusal : undefined);
  const g = d.grant;
  const decideLabels = {
    decision: t("decide.decision"),
    grantedAmount: t("decide.amount"),
    reason: t("decide.reason"),
  };
  const spendLabels = { spentOn: t("spend.date"), amount: t("spend.amount"), what: t("spend.what") };
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{g.purpose}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/grants`}>{t("common:form.back")}</a>
      </p>
      <span className="caption">{t("grant.caption")}</span>
      <h1>{g.purpose}</h1>
      <dl className="summary">
        <div>
          <dt>{t("grant.asked")}</dt>
          <dd>{t("grant.askedLine", { amount: g.asked, by: g.askedBy, date: g.askedOn })}</dd>
        </div>
        <div>
          <dt>{t("apply.howItHelps")}</dt>
          <dd>{g.howItHelps}</dd>
        </div>
        <div>
          <dt>{t("list.state")}</dt>
          <dd>
            {g.state === "asked"
              ? t("state.asked", { date: g.answerBy })
              : g.state === "granted"
                ? t("state.granted", { amount: g.granted })
                : t("state.declined")}
          </dd>
        </div>
        {g.reason && (
          <div>
            <dt>{t("grant.why")}</dt>
            <dd>
              {g.reason} <span className="hint">({t("grant.decidedBy", { by: g.decidedBy, date: g.decidedOn })})</span>
            </dd>
          </div>
        )}
      </dl>

      {d.mayDecide && (
        <section aria-labelledby="decide-title">
          <h2 id="decide-title">{t("decide.title")}</h2>
          <ValidatedForm
            schema={() => import("~/forms/grants").then((m) => m.grantDecisionSchema)}
            hidden={{ intent: "decide" }}
            values={refusalFor("decide")?.values ?? { grantedAmount: d.askedAmount }}
            errors={refusalFor("decide")?.errors}
            labels={decideLabels}
          >
            <ChoiceField
              name="decision"
              legend={decideLabels.decision}
              options={[
                { value: "grant", label: t("decide.grant") },
                { value: "decline", label: t("decide.decline") },
              ]}
            />
            <TextField name="grantedAmount" label={decideLabels.grantedAmount} hint={t("decide.amountHint")} short />
            <TextField name="reason" label={decideLabels.reason} multiline />
            <SubmitButton>{t("decide.save")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}

      {g.state === "granted" && (
        <section aria-labelledby="spending-title">
          <h2 id="spending-title">{t("spend.title")}</h2>
          <table>
            <caption>{t("spend.figures")}</caption>
            <tbody>
              <tr>
                <th scope="row">{t("spend.granted")}</th>
                <td className="num">{g.granted}</td>
              </tr>
              <tr>
                <th scope="row">{t("spend.spent")}</th>
                <td className="num">{d.spent}</td>
              </tr>
              <tr>
                <th scope="row">{t("spend.left")}</th>
                <td className="num">
                  <strong>{d.left}</strong>
                </td>
              </tr>
            </tbody>
          </table>
          {d.spending.length > 0 && (
            <div className="table-scroll">
              <table>
                <caption>{t("spend.entries")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("spend.date")}</th>
                    <th scope="col">{t("spend.what")}</th>
                    <th scope="col" className="num">
                      {t("spend.amount")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.spending.map((s) => (
                    <tr key={s.id}>
                      <td>{s.date}</td>
                      <td>{s.what}</td>
                      <td className="num">{s.amount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {d.maySpend && (
            <>
              <h3>{t("spend.record")}</h3>
              <ValidatedForm
                schema={() => import("~/forms/grants").then((m) => m.grantSpendingSchema)}
                hidden={{ intent: "spend" }}
                values={refusalFor("spend")?.values}
                errors={refusalFor("spend")?.errors}
                labels={spendLabels}
              >
                <TextField name="spentOn" label={spendLabels.spentOn} type="date" />
                <TextField name="what" label={spendLabels.what} />
                <TextField name="amount" label={spendLabels.amount} short />
                <SubmitButton>{t("spend.save")}</SubmitButton>
              </ValidatedForm>
            </>
          )}
        </section>
      )}
    </>
  );
}
