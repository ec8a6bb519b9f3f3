import { useTranslation } from "~/lib/use-translation";
import { Form, redirect, useActionData } from "react-router";
import { CsrfInput, SubmitButton, ValidatedForm } from "~/components/form";
import { MoneyChart } from "~/components/money-chart";
import { PageTitle } from "~/components/page-title";
import { mayActOnRecord } from "~/domain/access";
import { correctFormSchema, settleFormSchema, shareFormSchema } from "~/forms/money";
import { fieldErrors, parseFormValues } from "~/lib/forms.server";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { replyWithErrors } from "~/lib/responses.server";
import { entriesOf, moneyPlan, recordEntries, setSharesDetail } from "~/models/money.server";
import { requireRecordAccess } from "~/server/access.server";
import { moneyView, todayInUk } from "~/views/money-view.server";
import { moneyRights, requireRecorder } from "./money-access.server";
import type { Route } from "./+types/spending";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["money"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const t = translatorOf(context);
  const money = await moneyPlan(access.person.id);
  const rights = await moneyRights(access, money);
  return {
    personId: access.person.id,
    personName: access.personName,
    isSelf: access.standing === "self",
    isLead: access.standing === "lead-professional",
    canShare: mayActOnRecord(access.standing, "manage-helpers"),
    ...rights,
    view: money ? await moneyView(money, access.person.id, lang, t, { detail: rights.detail }) : null,
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "record-money");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "share" || intent === "unshare") {
    if (!mayActOnRecord(access.standing, "manage-helpers"))
      return replyWithErrors(fieldErrors({}, { _form: "money:errors.notYours" }));
    const form = parseFormValues(formData, shareFormSchema);
    if (!form.ok) return replyWithErrors(form);
    await setSharesDetail(access.person.id, access.actor.id, form.data.intent === "share");
    return redirect(`/people/${access.person.id}/spending?done=${form.data.intent}`);
  }
  const money = await requireRecorder(access);
  if (intent === "settle") {
    const form = parseFormValues(formData, settleFormSchema);
    if (!form.ok) return replyWithErrors(form);
    if (!money) return replyWithErrors(fieldErrors(form.values, { _form: "money:errors.notSignedOff" }));
    const commitment = (await entriesOf(money.planId)).find(
      (e) => e.id === form.data.entryId && e.kind === "committed",
    );
    if (!commitment) return replyWithErrors(fieldErrors(form.values, { _form: "money:errors.noSuchEntry" }));
    const result = await recordEntries(money, access.person.id, access.actor.id, [
      {
        kind: "spent",
        date: todayInUk(),
        amountPence: commitment.amountPence,
        itemId: commitment.itemId,
        sector: commitment.sector,
        payee: commitment.payee,
        method: null,
        note: commitment.note,
        settles: commitment.id,
      },
    ]);
    if (!result.ok) return replyWithErrors(fieldErrors(form.values, { _form: result.refusal }));
    return redirect(`/people/${access.person.id}/spending?done=settled`);
  }
  const form = parseFormValues(formData, correctFormSchema);
  if (!form.ok) return replyWithErrors(form);
  if (!money) return replyWithErrors(fieldErrors(form.values, { _form: "money:errors.notSignedOff" }));
  const target = (await entriesOf(money.planId)).find((e) => e.id === form.data.entryId);
  if (!target) return replyWithErrors(fieldErrors(form.values, { _form: "money:errors.noSuchEntry" }));
  const result = await recordEntries(money, access.person.id, access.actor.id, [
    {
      kind: "reversal",
      date: todayInUk(),
      amountPence: target.amountPence,
      reverses: target.id,
      note: form.data.reason,
    },
  ]);
  if (!result.ok) return replyWithErrors(fieldErrors(form.values, { _form: result.refusal }));
  return redirect(`/people/${access.person.id}/spending?done=corrected`);
}

export default function Spending({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("money");
  const refusal = useActionData<typeof action>();
  const base = `/people/${d.personId}`;
  const v = d.view;
  return (
    <>
      <PageTitle error={Boolean(refusal)}>{t("title")}</PageTitle>
      <p>
        <a href={`${base}/journey`}>{t("common:form.back")}</a>
      </p>
      <h1>{t("title")}</h1>
      {!d.isSelf && <p className="lead">{t("whose", { name: d.personName })}</p>}
      {d.done && (
        <p className="confirmation" role="status">
          {t(`done.${d.done}`, { defaultValue: t("done.saved") })}
        </p>
      )}
      {refusal?.errors?._form && (
        <div className="error-summary" role="alert">
          <p>{t(refusal.errors._form)}</p>
        </div>
      )}
      {!v ? (
        <p>{t("notYet")}</p>
      ) : (
        <>
          <p>{t("year", { start: v.year.start, end: v.year.end })}</p>
          {d.canRecord && (
            <ul className="actions">
              <li>
                <a href={`${base}/spending/received`}>{t("links.received")}</a>
              </li>
              <li>
                <a href={`${base}/spending/record`}>{t("links.record")}</a>
              </li>
              <li>
                <a href={`${base}/spending/import`}>{t("links.import")}</a>
              </li>
              <li>
                <a href={`${base}/spending/receipts`}>{t("links.receipt")}</a>
              </li>
            </ul>
          )}
          {v.notes.length > 0 && (
            <section aria-labelledby="notes" className="inset">
              <h2 id="notes">{t("notes.heading")}</h2>
              <ul>
                {v.notes.map((n) => (
                  <li key={n.kind + n.text} data-note={n.kind}>
                    {n.text}
                  </li>
                ))}
              </ul>
              <p>
                {t("notes.whatYouCanDo")} <a href={`${base}/plan/using`}>{t("notes.moveMoney")}</a>
              </p>
            </section>
          )}
          <section aria-labelledby="totals">
            <h2 id="totals">{t("totals.heading")}</h2>
            <table data-testid="totals">
              <caption className="visually-hidden">{t("totals.heading")}</caption>
              <tbody>
                {(
                  [
                    ["budget", v.totals.budget],
                    ["received", v.totals.received],
                    ["receivedNhs", v.totals.receivedNhs],
                    ["receivedCouncil", v.totals.receivedCouncil],
                    ["spent", v.totals.spent],
                    ["committed", v.totals.committed],
                    ["left", v.totals.left],
                    ["balance", v.totals.balance],
                  ] as const
                ).map(([key, value]) => (
                  <tr key={key} data-total={key}>
                    <th scope="row">{t(`totals.${key}`)}</th>
                    <td className="num">{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="items">
            <h2 id="items">{t("items.heading")}</h2>
            <table data-testid="items">
              <caption className="visually-hidden">{t("items.heading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("items.what")}</th>
                  <th scope="col" className="num">
                    {t("items.planned")}
                  </th>
                  <th scope="col" className="num">
                    {t("items.spent")}
                  </th>
                  <th scope="col" className="num">
                    {t("items.committed")}
                  </th>
                  <th scope="col" className="num">
                    {t("items.left")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {v.items.map((i) => (
                  <tr key={i.id} data-item={i.id}>
                    <th scope="row">{i.what}</th>
                    <td className="num">{i.planned}</td>
                    <td className="num">{i.spent}</td>
                    <td className="num">{i.committed}</td>
                    <td className="num">
                      {i.left}
                      {i.over && <span className="tag tag--warn">{t("items.over")}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="months">
            <h2 id="months">{t("chart.heading")}</h2>
            <MoneyChart months={v.months} />
          </section>
          <section aria-labelledby="contingency">
            <h2 id="contingency">{t("contingency.heading")}</h2>
            {v.contingency ? (
              <p>
                {t("contingency.summary", {
                  amount: v.contingency.amount,
                  left: v.contingency.left,
                  whatFor: v.contingency.whatFor,
                })}
              </p>
            ) : (
              <p>{t("contingency.none")}</p>
            )}
            <p>
              <a href={`${base}/spending/contingency`}>{t("contingency.link")}</a>
            </p>
          </section>
          <section aria-labelledby="expected">
            <h2 id="expected">{t("expected.heading")}</h2>
            <p>{t(`expected.how.${v.schedule}`)}</p>
            <table>
              <caption className="visually-hidden">{t("expected.heading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("expected.date")}</th>
                  <th scope="col" className="num">
                    {t("expected.nhs")}
                  </th>
                  <th scope="col" className="num">
                    {t("expected.council")}
                  </th>
                  <th scope="col" className="num">
                    {t("expected.total")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {v.expected.map((p) => (
                  <tr key={p.date}>
                    <th scope="row">{p.date}</th>
                    <td className="num">{p.nhs}</td>
                    <td className="num">{p.council}</td>
                    <td className="num">{p.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {d.detail && (
            <section aria-labelledby="entries">
              <h2 id="entries">{t("entries.heading")}</h2>
              {v.entries.length === 0 ? (
                <p>{t("entries.none")}</p>
              ) : (
                <ul className="task-list" data-testid="entries">
                  {v.entries.map((e) => (
                    <li key={e.id}>
                      <div>
                        <p>
                          {t(`entries.kind.${e.kind}`)}: <strong>{e.amount}</strong> · {e.what}
                          {e.payee && ` · ${e.payee}`}
                        </p>
                        <p className="hint">
                          {e.date}
                          {e.by && ` · ${t("entries.by", { name: e.by })}`}
                          {e.note && ` · ${e.note}`}
                        </p>
                        {e.receipts.map((r, i) => (
                          <p key={r.id}>
                            <a href={`${base}/spending/receipts/${r.id}`} download>
                              {t("entries.receipt", { n: i + 1 })}
                            </a>
                          </p>
                        ))}
                        {d.canRecord && e.open && (
                          <Form method="post" reloadDocument>
                            <CsrfInput />
                            <input type="hidden" name="intent" value="settle" />
                            <input type="hidden" name="entryId" value={e.id} />
                            <button type="submit" className="secondary">
                              {t("entries.settle")}
                              <span className="visually-hidden">: {e.what}</span>
                            </button>
                          </Form>
                        )}
                        {d.canRecord && e.kind !== "reversal" && !e.reversed && (
                          <details>
                            <summary>{t("entries.correct")}</summary>
                            <Form method="post" reloadDocument>
                              <CsrfInput />
                              <input type="hidden" name="intent" value="correct" />
                              <input type="hidden" name="entryId" value={e.id} />
                              <label htmlFor={`reason-${e.id}`}>{t("entries.reason")}</label>
                              <span className="hint" id={`reason-${e.id}-hint`}>
                                {t("entries.reasonHint")}
                              </span>
                              <input
                                id={`reason-${e.id}`}
                                name="reason"
                                required
                                maxLength={500}
                                aria-describedby={`reason-${e.id}-hint`}
                              />
                              <button type="submit" className="secondary">
                                {t("entries.cancelEntry")}
                              </button>
                            </Form>
                          </details>
                        )}
                      </div>
                      {e.reversed && <span className="tag tag--grey">{t("entries.cancelled")}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
          {d.isLead && !d.detail && <p className="hint">{t("leadNoDetail")}</p>}
        </>
      )}
      {d.canShare && (
        <section aria-labelledby="sharing">
          <h2 id="sharing">{t("sharing.heading")}</h2>
          <p>{d.shared ? t("sharing.shared") : t("sharing.notShared")}</p>
          <ValidatedForm
            schema={() => import("~/forms/money").then((m) => m.shareFormSchema)}
            labels={{}}
            hidden={{ intent: d.shared ? "unshare" : "share" }}
          >
            <SubmitButton className="secondary">{d.shared ? t("sharing.stop") : t("sharing.start")}</SubmitButton>
          </ValidatedForm>
        </section>
      )}
      <p>
        <a href={`${base}/spending/return`}>{t("links.return")}</a>
      </p>
    </>
  );
}
