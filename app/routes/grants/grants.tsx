import { useTranslation } from "~/lib/use-translation";
import { PageTitle } from "~/components/page-title";
import { mayActOnRecord } from "~/domain/access";
import { grantLeft } from "~/domain/grants";
import { requireRecordAccess } from "~/server/access.server";
import { formatDate, formatMoney } from "~/lib/format";
import { languageOf } from "~/lib/i18n.server";
import { grantRules, grantsOf, mayApplyNow, spendingOf } from "~/models/grants.server";
import type { Route } from "./+types/grants";

/** The translations this page needs beyond the shell's (common, account). */
export const handle = { i18n: ["grants"] };

/** The person's small grants: each request, its answer, and what is left of a sum granted. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const access = await requireRecordAccess(context, request, params.personId, "view-record");
  const lang = languageOf(context);
  const money = (pence: number) => formatMoney(pence, lang);
  const rules = await grantRules();
  const rows = await grantsOf(access.person.id);
  const grants = [];
  for (const g of rows) {
    const spent = g.state === "granted" ? await spendingOf(g.id) : [];
    grants.push({
      id: g.id,
      purpose: g.purpose,
      state: g.state,
      asked: money(g.askedPence),
      askedOn: formatDate(g.askedAt, lang),
      answerBy: formatDate(g.answerBy, lang),
      granted: g.grantedPence !== null ? money(g.grantedPence) : null,
      left:
        g.grantedPence !== null
          ? money(
              grantLeft(
                g.grantedPence,
                spent.map((s) => s.amountPence),
              ),
            )
          : null,
    });
  }
  return {
    personId: access.person.id,
    isSelf: access.standing === "self",
    personName: access.personName,
    canApply: mayActOnRecord(access.standing, "apply-for-grant") && (await mayApplyNow(access.person.id)),
    cap: money(rules.capPounds * 100),
    days: rules.answerWithinDays,
    grants,
  };
}

export default function Grants({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation("grants");
  const title = d.isSelf ? t("list.title") : t("list.titleFor", { name: d.personName });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <a href={`/people/${d.personId}`}>{t("common:form.back")}</a>
      </p>
      <h1>{title}</h1>
      <p>{t("list.intro", { cap: d.cap, days: d.days })}</p>
      {d.canApply && (
        <p>
          <a className="button" href={`/people/${d.personId}/grants/apply`}>
            {t("list.apply")}
          </a>
        </p>
      )}
      {d.grants.length === 0 ? (
        <p>{t("list.none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t("list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.purpose")}</th>
                <th scope="col">{t("list.asked")}</th>
                <th scope="col">{t("list.state")}</th>
                <th scope="col" className="num">
                  {t("list.left")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.grants.map((g) => (
                <tr key={g.id}>
                  <th scope="row">
                    <a href={`/people/${d.personId}/grants/${g.id}`}>{g.purpose}</a>
                  </th>
                  <td>{t("list.askedOn", { amount: g.asked, date: g.askedOn })}</td>
                  <td>
                    {g.state === "asked"
                      ? t("state.asked", { date: g.answerBy })
                      : g.state === "granted"
                        ? t("state.granted", { amount: g.granted })
                        : t("state.declined")}
                  </td>
                  <td className="num">{g.left ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
