import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { ChoiceField, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { mayActOnRecord } from "~/domain/access";
import { voucherLeft } from "~/domain/vouchers";
import { chooseProviderSchema, voucherClaimSchema } from "~/forms/vouchers";
import { requireRecordAccess } from "~/server/access.server";
import { fieldErrors, parseFormValues } from "~/lib/forms.server";
import { formatDate, formatMoney } from "~/lib/format";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import {
  accreditedProviders,
  chooseProvider,
  claimsOf,
  providerChoicesOf,
  recordClaim,
  voucherOf,
  voucherTreatments,
} from "~/models/vouchers.server";
import type { Route } from "./+types/voucher";

/** The message for each way a claim can be refused. */
const REFUSAL_KEYS = {
  "not-found": "noProvider",
  "no-provider": "noProvider",
  sessions: "tooManySessions",
  value: "tooMuchValue",
  expired: "expired",
  "before-issue": "beforeIssue",
} as const;

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["vouchers"] };

/**
 * One voucher: the treatment, sessions and value left, the expiry; the person chooses or switches the
 * accredited provider; the lead professional records the provider's claims.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const voucher = await voucherOf(access.person.id, params.voucherId);
  if (!voucher) throw data(null, { status: 404 });
  const lang = languageOf(context);
  const money = (pence: number) => formatMoney(pence, lang);
  const providers = await accreditedProviders(voucher.treatment);
  const providerName = (id: string) => providers.find((p) => p.id === id)?.name ?? id;
  const claims = await claimsOf(voucher.id);
  const choices = await providerChoicesOf(voucher.id);
  const left = voucherLeft(voucher, claims);
  const current = choices.at(-1);
  const treatment = (await voucherTreatments()).find((t) => t.treatment === voucher.treatment);
  return {
    personId: access.person.id,
    treatment: treatment?.title[lang] ?? voucher.treatment,
    sessions: voucher.sessions,
    sessionsLeft: left.sessions,
    value: money(voucher.valuePence),
    valueLeft: money(left.valuePence),
    expiresOn: formatDate(voucher.expiresOn, lang),
    provider: current ? providerName(current.providerId) : null,
    currentProviderId: current?.providerId ?? null,
    providers: providers.map((p) => ({
      value: p.id,
      label: p.name,
      hint: `${p.area}; ${money(p.pricePerSessionPence)} a session; ${p.accreditingBody} ${p.registrationNumber}`,
    })),
    history: choices.map((c) => ({
      id: c.id,
      provider: providerName(c.providerId),
      date: formatDate(c.chosenAt, lang),
    })),
    claims: claims.map((c) => ({
      id: c.id,
      provider: providerName(c.providerId),
      sessions: c.sessions,
      amount: money(c.amountPence),
      date: formatDate(c.sessionDate, lang),
    })),
    mayChoose: mayActOnRecord(access.standing, "choose-provider") && left.sessions > 0,
    mayClaim: mayActOnRecord(access.standing, "record-voucher-claim") && left.sessions > 0 && current !== undefined,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  const action = intent === "claim" ? "record-voucher-claim" : "choose-provider";
  const access = await requireRecordAccess(context, request, params.personId, action);
  // A voucher that is not this person's answers 404 before anything typed is looked at.
  if (!(await voucherOf(access.person.id, params.voucherId))) throw data(null, { status: 404 });
  if (intent === "claim") {
    const form = parseFormValues(formData, voucherClaimSchema);
    if (!form.ok) return replyWithErrors({ ...form, intent });
    const done = await recordClaim(access, params.voucherId, form.data);
    if (!done.ok) {
      const field = done.reason === "expired" || done.reason === "before-issue" ? "sessionDate" : "sessions";
      return replyWithErrors(
        { ...fieldErrors(form.values, { [field]: `vouchers:errors.${REFUSAL_KEYS[done.reason]}` }), intent },
        409,
      );
    }
    return redirect(`/people/${access.person.id}/vouchers/${params.voucherId}`);
  }
  const form = parseFormValues(formData, chooseProviderSchema);
  if (!form.ok) return replyWithErrors({ ...form, intent: "choose" });
  const done = await chooseProvider(access, params.voucherId, form.data.providerId);
  if (!done.ok)
    return replyWithErrors({
      ...fieldErrors(form.values, { providerId: "vouchers:errors.provider" }),
      intent: "choose",
    });
  return redirect(`/people/${access.person.id}/vouchers/${params.voucherId}`);
}

export default function VoucherPage({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("vouchers");
  const refusal = useActionData<typeof action>();
  const refusalFor = (intent: string) => (refusal?.intent === intent ? refusal : undefined);
  const chooseLabels = { providerId: d.provider ? t("choose.switchLegend") : t("choose.legend") };
  const claimLabels = { sessions: t("claim.sessions"), sessionDate: t("claim.date") };
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{d.treatment}</PageTitle>
      <p>
        <a href={`/people/${d.personId}/vouchers`}>{t("common:form.back")}</a>
      </p>
      <span className="caption">{t("voucher.caption")}</span>
      <h1>{d.treatment}</h1>
      <table>
        <caption>{t("voucher.figures")}</caption>
        <tbody>
          <tr>
            <th scope="row">{t("voucher.sessionsLeft")}</th>
            <td className="num">
              <strong>{t("voucher.sessionsOf", { left: d.sessionsLeft, sessions: d.sessions })}</strong>
            </td>
          </tr>
          <tr>
            <th scope="row">{t("voucher.valueLeft")}</th>
            <td className="num">{t("voucher.valueOf", { left: d.valueLeft, value: d.value })}</td>
          </tr>
          <tr>
            <th scope="row">{t("voucher.expires")}</th>
            <td className="num">{d.expiresOn}</td>
          </tr>
          <tr>
            <th scope="row">{t("voucher.provider")}</th>
            <td className="num">{d.provider ?? t("voucher.noProvider")}</td>
          </tr>
        </tbody>
      </table>

      {d.mayChoose && (
        <section aria-labelledby="choose-title">
          <h2 id="choose-title">{d.provider ? t("choose.switchTitle") : t("choose.title")}</h2>
          <p>{t("choose.intro")}</p>
          <ValidatedForm
            schema={() => import("~/forms/vouchers").then((m) => m.chooseProviderSchema)}
            hidden={{ intent: "choose" }}
            values={
              refusalFor("choose")?.values ?? (d.currentProviderId ? { providerId: d.currentProviderId } : undefined)
            }
            errors={refusalFor("choose")?.errors}
            labels={chooseLabels}
          >
            <ChoiceField name="providerId" legend={chooseLabels.providerId} options={d.providers} />
            <SubmitButton>{t("choose.save")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}

      {d.mayClaim && (
        <section aria-labelledby="claim-title">
          <h2 id="claim-title">{t("claim.title")}</h2>
          <p>{t("claim.intro", { provider: d.provider })}</p>
          <ValidatedForm
            schema={() => import("~/forms/vouchers").then((m) => m.voucherClaimSchema)}
            hidden={{ intent: "claim" }}
            values={refusalFor("claim")?.values}
            errors={refusalFor("claim")?.errors}
            labels={claimLabels}
          >
            <TextField name="sessions" label={claimLabels.sessions} short inputMode="numeric" />
            <TextField name="sessionDate" label={claimLabels.sessionDate} type="date" />
            <SubmitButton>{t("claim.save")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}

      {d.history.length > 0 && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t("voucher.historyTitle")}</h2>
          <ul className="list">
            {d.history.map((h) => (
              <li key={h.id}>{t("voucher.chosen", { provider: h.provider, date: h.date })}</li>
            ))}
          </ul>
        </section>
      )}
      {d.claims.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption>{t("voucher.claimsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("claim.date")}</th>
                <th scope="col">{t("voucher.provider")}</th>
                <th scope="col" className="num">
                  {t("claim.sessions")}
                </th>
                <th scope="col" className="num">
                  {t("voucher.amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.claims.map((c) => (
                <tr key={c.id}>
                  <td>{c.date}</td>
                  <td>{c.provider}</td>
                  <td className="num">{c.sessions}</td>
                  <td className="num">{c.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
