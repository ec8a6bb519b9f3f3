import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import { formatDate, formatMoney } from "~/lib/format";
import { languageOf, translatorOf } from "~/lib/i18n.server";
import { moneyPlan } from "~/models/money.server";
import { requireRecordAccess } from "~/server/access.server";
import { todayInUk } from "~/views/money-view.server";
import { periodFrom, statementFor } from "./return.server";
import type { Route } from "./+types/return";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["money"] };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const t = translatorOf(context);
  const money = await moneyPlan(access.person.id);
  const period = periodFrom(new URL(request.url), todayInUk());
  const format = (pence: number) => formatMoney(pence, lang);
  const s = money ? await statementFor(money, period) : null;
  const itemName = (id: string | null, contingency: boolean) =>
    contingency
      ? t("money:entries.contingency")
      : (money?.items.find((i) => i.id === id)?.what ?? t("money:entries.notInPlan"));
  return {
    personId: access.person.id,
    personName: access.personName,
    from: period.from,
    to: period.to,
    wrong: period.wrong,
    period: { from: formatDate(period.from, lang), to: formatDate(period.to, lang) },
    statement: s
      ? {
          opening: format(s.openingPence),
          receivedNhs: format(s.receivedBySource.nhs),
          receivedCouncil: format(s.receivedBySource.council),
          spent: format(s.spentPence),
          closing: format(s.closingPence),
          unspent: format(s.unspentPence),
          byItem: s.spentByItem.map((row) => ({
            what: itemName(row.itemId, row.contingency),
            spent: format(row.pence),
          })),
          byKind: Object.entries(s.spentByKind).map(([kind, pence]) => ({ kind, spent: format(pence) })),
        }
      : null,
  };
}

export default function MonitoringReturn({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("money");
  const base = `/people/${d.personId}/spending`;
  const s = d.statement;
  const rows = s
    ? ([
        ["opening", s.opening],
        ["receivedNhs", s.receivedNhs],
        ["receivedCouncil", s.receivedCouncil],
        ["spent", s.spent],
        ["closing", s.closing],
        ["unspent", s.unspent],
      ] as const)
    : [];
  return (
    <>
      <PageTitle error={d.wrong}>{t("return.title")}</PageTitle>
      <p className="no-print">
        <a href={base}>{t("backToMoney")}</a>
      </p>
      <h1>{t("return.title")}</h1>
      <p className="lead">{t("return.for", { name: d.personName, from: d.period.from, to: d.period.to })}</p>
      {d.wrong && (
        <div className="error-summary" role="alert">
          <p>{t("return.wrongPeriod")}</p>
        </div>
      )}
      <form method="get" className="no-print">
        <div className="field">
          <label htmlFor="from">{t("return.from")}</label>
          <input id="from" name="from" type="date" defaultValue={d.from} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("return.to")}</label>
          <input id="to" name="to" type="date" defaultValue={d.to} />
        </div>
        <button type="submit" className="secondary">
          {t("return.show")}
        </button>
      </form>
      {!s ? (
        <p>{t("notYet")}</p>
      ) : (
        <>
          <table data-testid="return">
            <caption>{t("return.balances")}</caption>
            <tbody>
              {rows.map(([key, value]) => (
                <tr key={key} data-row={key}>
                  <th scope="row">{t(`return.${key}`)}</th>
                  <td className="num">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>{t("return.byItem")}</caption>
            <tbody>
              {s.byItem.length === 0 ? (
                <tr>
                  <td>{t("return.nothingSpent")}</td>
                </tr>
              ) : (
                s.byItem.map((row) => (
                  <tr key={row.what}>
                    <th scope="row">{row.what}</th>
                    <td className="num">{row.spent}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
          <table>
            <caption>{t("return.byKind")}</caption>
            <tbody>
              {s.byKind.length === 0 ? (
                <tr>
                  <td>{t("return.nothingSpent")}</td>
                </tr>
              ) : (
                s.byKind.map((row) => (
                  <tr key={row.kind}>
                    <th scope="row">{t(`kinds.${row.kind}`)}</th>
                    <td className="num">{row.spent}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
          <p className="no-print">
            <a href={`${base}/return.csv?from=${d.from}&to=${d.to}`} download>
              {t("return.csv")}
            </a>
          </p>
        </>
      )}
    </>
  );
}
