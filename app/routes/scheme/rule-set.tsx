import { useTranslation } from "~/lib/use-translation";
import { data, redirect, useActionData } from "react-router";
import { ErrorSummary, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageTitle } from "~/components/page-title";
import { INFORMAL_SUPPORT, NEED_AREA_KEYS } from "~/domain/choices";
import { approveSchema, askApprovalSchema, retireSchema } from "~/forms/rule-set";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import { fieldErrors, parseFormValues } from "~/lib/forms.server";
import { languageOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { content } from "~/content/content.server";
import { approve, askApproval, retire, ruleSetIdInForce, storedRuleSet, todayInUk } from "~/models/rule-sets.server";
import { userNames } from "~/models/users.server";
import { requireCommissioner } from "~/server/access.server";
import { needAreaTitle } from "~/views/budget-view.server";
import type { Route } from "./+types/rule-set";

export const handle = { i18n: ["scheme", "categories"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireCommissioner(context, request);
  const lang = languageOf(context);
  const shipped = content().ruleSets.get(params.ruleSetId);
  const stored = shipped ? undefined : await storedRuleSet(params.ruleSetId);
  const ruleSet = shipped ?? stored?.ruleSet;
  if (!ruleSet) throw data(null, { status: 404 });
  const row = stored?.row;
  const names = await userNames(
    [row?.createdBy, row?.approvalRequestedBy, row?.approvedBy, row?.retiredBy].filter((id): id is string => !!id),
  );
  const who = (id: string | null | undefined) => (id ? (names.get(id) ?? "") : null);
  const when = (at: string | null | undefined) => (at ? formatDateTime(at, lang) : null);
  const money = (pounds: number) => formatMoney(pounds * 100, lang);
  return {
    id: ruleSet.id,
    label: ruleSet.label[lang],
    status: row?.status ?? "published",
    shipped: Boolean(shipped),
    inForce: (await ruleSetIdInForce()) === ruleSet.id,
    effectiveFrom: row
      ? row.effectiveFrom
        ? formatDate(row.effectiveFrom, lang)
        : null
      : formatDate(ruleSet.publishedOn, lang),
    basedOn: row?.basedOn ?? null,
    madeBy: who(row?.createdBy),
    madeAt: when(row?.createdAt),
    askedBy: who(row?.approvalRequestedBy),
    askedAt: when(row?.approvalRequestedAt),
    reason: row?.reason ?? null,
    approvedBy: who(row?.approvedBy),
    approvedAt: when(row?.approvedAt),
    approvalNote: row?.approvalNote ?? null,
    retiredBy: who(row?.retiredBy),
    retiredAt: when(row?.retiredAt),
    mayApprove:
      row?.status === "draft" &&
      !!row.approvalRequestedBy &&
      row.approvalRequestedBy !== user.id &&
      row.createdBy !== user.id,
    awaiting: row?.status === "draft" && !!row.approvalRequestedBy,
    today: todayInUk(),
    price: ruleSet.pricePerPointPounds !== undefined ? money(ruleSet.pricePerPointPounds) : null,
    threshold: ruleSet.threshold ?? null,
    bands: ruleSet.bands?.map((b) => ({ from: b.from, to: b.to, amount: money(b.amountPounds) })) ?? null,
    categories:
      ruleSet.categories?.map((c) => ({
        id: c.id,
        name: c.name[lang],
        fits: c.fits?.[lang] ?? "",
        amount: money(c.amountPounds),
        share: c.nhsShare,
      })) ?? null,
    combination: ruleSet.categoryCombination ?? null,
    maximum: money(ruleSet.usualMaximumPounds),
    areas: NEED_AREA_KEYS.map((key) => ({
      key,
      title: needAreaTitle(key, lang),
      weight: ruleSet.weights[key],
      share: ruleSet.nhsShares[key],
    })),
    multipliers: INFORMAL_SUPPORT.map((answer) => ({ answer, percent: ruleSet.informalMultipliers[answer] })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireCommissioner(context, request);
  const id = params.ruleSetId;
  if (!(await storedRuleSet(id))) throw data(null, { status: 404 });
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "approve") {
    const form = parseFormValues(formData, approveSchema);
    if (!form.ok) return replyWithErrors({ ...form, intent });
    const done = await approve(id, form.data.note, user.id);
    if (!done.ok)
      return replyWithErrors({ ...fieldErrors(form.values, { note: `scheme:${done.refusal}` }), intent }, 409);
    return redirect(`/scheme/rule-sets/${id}?published`);
  }
  if (intent === "retire") {
    const form = parseFormValues(formData, retireSchema);
    if (!form.ok) return replyWithErrors({ ...form, intent });
    const done = await retire(id, user.id);
    if (!done.ok)
      return replyWithErrors({ ...fieldErrors(form.values, { _form: `scheme:${done.refusal}` }), intent }, 409);
    return redirect(`/scheme/rule-sets/${id}`);
  }
  const form = parseFormValues(formData, askApprovalSchema);
  if (!form.ok) return replyWithErrors({ ...form, intent: "ask-approval" });
  const done = await askApproval(id, form.data.effectiveFrom, form.data.reason, user.id);
  if (!done.ok)
    return replyWithErrors(
      { ...fieldErrors(form.values, { effectiveFrom: `scheme:${done.refusal}` }), intent: "ask-approval" },
      409,
    );
  return redirect(`/scheme/rule-sets/${id}?asked`);
}

export default function RuleSetPage({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("scheme");
  const refusal = useActionData<typeof action>();
  const refusalFor = (intent: string) => (refusal?.intent === intent ? refusal : undefined);
  // Which of the page's forms this person is offered; a refusal of any other is said at the top.
  const formsShown = new Set([
    ...(d.status === "draft" && !d.mayApprove ? ["ask-approval"] : []),
    ...(d.mayApprove ? ["approve"] : []),
    ...(d.status === "published" && !d.shipped ? ["retire"] : []),
  ]);
  const askLabels = { effectiveFrom: t("ruleSet.ask.effectiveFrom"), reason: t("ruleSet.ask.reason") };
  const approveLabels = { note: t("ruleSet.approve.note") };
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{d.label}</PageTitle>
      <p>
        <a href="/scheme">{t("ruleSets.title")}</a>
      </p>
      <h1>{d.label}</h1>
      {/* A step refused to someone not offered its form (approving a rule set they made): said here. */}
      {refusal?.errors && !formsShown.has(refusal.intent) && <ErrorSummary errors={refusal.errors} labels={{}} />}
      <dl className="summary-list">
        <div>
          <dt>{t("ruleSet.id")}</dt>
          <dd>{d.id}</dd>
        </div>
        <div>
          <dt>{t("ruleSets.col.status")}</dt>
          <dd data-testid="rule-set-status">
            {t(`status.${d.status}`)}
            {d.awaiting && ` (${t("ruleSets.awaiting")})`}
            {d.inForce && ` (${t("ruleSets.inForce")})`}
          </dd>
        </div>
        <div>
          <dt>{t("ruleSets.col.from")}</dt>
          <dd>{d.effectiveFrom ?? t("ruleSet.noDate")}</dd>
        </div>
        {d.shipped ? (
          <div>
            <dt>{t("ruleSets.col.madeBy")}</dt>
            <dd>{t("ruleSets.shipped")}</dd>
          </div>
        ) : (
          <div>
            <dt>{t("ruleSets.col.madeBy")}</dt>
            <dd>
              {t("ruleSet.madeBy", { name: d.madeBy, when: d.madeAt })}
              {d.basedOn && ` ${t("ruleSet.basedOn", { id: d.basedOn })}`}
            </dd>
          </div>
        )}
        {d.askedBy && (
          <div>
            <dt>{t("ruleSet.askedBy")}</dt>
            <dd>
              {t("ruleSet.whoWhen", { name: d.askedBy, when: d.askedAt })}: {d.reason}
            </dd>
          </div>
        )}
        {d.approvedBy && (
          <div>
            <dt>{t("ruleSet.approvedBy")}</dt>
            <dd data-testid="rule-set-approved">
              {t("ruleSet.whoWhen", { name: d.approvedBy, when: d.approvedAt })}: {d.approvalNote}
            </dd>
          </div>
        )}
        {d.retiredBy && (
          <div>
            <dt>{t("ruleSet.retiredBy")}</dt>
            <dd>{t("ruleSet.whoWhen", { name: d.retiredBy, when: d.retiredAt })}</dd>
          </div>
        )}
      </dl>

      <ul className="list">
        {d.status === "draft" && (
          <li>
            <a href={`/scheme/rule-sets/${d.id}/edit`}>{t("ruleSet.edit")}</a>
          </li>
        )}
        <li>
          <a href={`/scheme/rule-sets/${d.id}/try`}>{t("ruleSet.try")}</a>
        </li>
        <li>
          <a href={`/scheme/rule-sets/${d.id}/rule-set.json`} download={`${d.id}.json`}>
            {t("ruleSet.download")}
          </a>
        </li>
      </ul>

      <h2>{t("ruleSet.figures")}</h2>
      {d.price !== null ? (
        <p>{t("ruleSet.priceLine", { price: d.price, threshold: d.threshold })}</p>
      ) : d.bands ? (
        <table>
          <caption>{t("ruleSet.bands")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("form.bandFrom")}</th>
              <th scope="col">{t("form.bandTo")}</th>
              <th scope="col">{t("form.bandAmount")}</th>
            </tr>
          </thead>
          <tbody>
            {d.bands?.map((b) => (
              <tr key={b.from}>
                <td>{b.from}</td>
                <td>{b.to}</td>
                <td>{b.amount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {d.categories && (
        <>
          <p>{t(`categories:ruleSet.combination.${d.combination ?? "alone"}`)}</p>
          <table>
            <caption>{t("categories:ruleSet.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("categories:ruleSet.name")}</th>
                <th scope="col">{t("categories:ruleSet.fits")}</th>
                <th scope="col">{t("categories:ruleSet.amount")}</th>
                <th scope="col">{t("form.share")}</th>
              </tr>
            </thead>
            <tbody>
              {d.categories.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.name} <span className="hint">({c.id})</span>
                  </th>
                  <td>{c.fits}</td>
                  <td>{c.amount}</td>
                  <td>{c.share}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p>{t("ruleSet.maximumLine", { maximum: d.maximum })}</p>
      <table>
        <caption>{t("ruleSet.areas")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("form.area")}</th>
            <th scope="col">{t("form.weight")}</th>
            <th scope="col">{t("form.share")}</th>
          </tr>
        </thead>
        <tbody>
          {d.areas.map((a) => (
            <tr key={a.key}>
              <th scope="row">{a.title}</th>
              <td>{a.weight}</td>
              <td>{a.share}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>{t("ruleSet.multipliers")}</caption>
        <tbody>
          {d.multipliers.map((m) => (
            <tr key={m.answer}>
              <th scope="row">{t(`form.informal.${m.answer}`)}</th>
              <td>{m.percent}%</td>
            </tr>
          ))}
        </tbody>
      </table>

      {formsShown.has("ask-approval") && (
        <section aria-labelledby="ask-title">
          <h2 id="ask-title">{t("ruleSet.ask.title")}</h2>
          <p>{t("ruleSet.ask.intro")}</p>
          <ValidatedForm
            schema={() => import("~/forms/rule-set").then((m) => m.askApprovalSchema)}
            hidden={{ intent: "ask-approval" }}
            values={refusalFor("ask-approval")?.values ?? { effectiveFrom: d.today }}
            errors={refusalFor("ask-approval")?.errors}
            labels={askLabels}
          >
            <TextField
              name="effectiveFrom"
              type="date"
              label={askLabels.effectiveFrom}
              hint={t("ruleSet.ask.dateHint")}
            />
            <TextField name="reason" label={askLabels.reason} multiline />
            <SubmitButton>{t("ruleSet.ask.submit")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
      {formsShown.has("approve") && (
        <section aria-labelledby="approve-title">
          <h2 id="approve-title">{t("ruleSet.approve.title")}</h2>
          <p>{t("ruleSet.approve.intro", { name: d.askedBy, date: d.effectiveFrom })}</p>
          <ValidatedForm
            schema={() => import("~/forms/rule-set").then((m) => m.approveSchema)}
            hidden={{ intent: "approve" }}
            values={refusalFor("approve")?.values}
            errors={refusalFor("approve")?.errors}
            labels={approveLabels}
          >
            <TextField name="note" label={approveLabels.note} multiline />
            <SubmitButton>{t("ruleSet.approve.submit")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
      {formsShown.has("retire") && (
        <section aria-labelledby="retire-title">
          <h2 id="retire-title">{t("ruleSet.retire.title")}</h2>
          <p>{t("ruleSet.retire.intro")}</p>
          <ValidatedForm
            schema={() => import("~/forms/rule-set").then((m) => m.retireSchema)}
            hidden={{ intent: "retire" }}
            values={refusalFor("retire")?.values}
            errors={refusalFor("retire")?.errors}
            labels={{ note: t("ruleSet.retire.note") }}
          >
            <TextField name="note" label={t("ruleSet.retire.note")} />
            <SubmitButton className="button--warning">{t("ruleSet.retire.submit")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
    </>
  );
}
